#!/usr/bin/env python3
"""Derives src/sandbox/data/bb2-overlays.ts from the STRUCTURE of the real BB2 samples in
../shared/bb2-samples (read in place, never copied): for each API version and claim type (Patient,
Coverage by part), the members, extensions and array elements real BB2 sends that the typed builders
do not emit, as templates whose values are markers (bb2-overlay.ts renders them with synthetic values).
Kept: URLs, code systems, codes and their displays (BB2's vocabulary). Replaced: every amount, count,
date, identifier, name and reference.

Usage, from the repository root:
  npx tsx test/fidelity/tools/dump-builders.ts > /tmp/builders.json
  python3 test/fidelity/tools/derive-overlays.py /tmp/builders.json && npm run format
"""
import json, os, re, collections, sys
ROOT=os.path.abspath(os.path.join(os.path.dirname(__file__),'..','..','..'))
S=os.path.join(ROOT,'..','shared','bb2-samples')
V3MAP={'71':'carrier','72':'carrier','81':'dme','82':'dme','10':'hha','50':'hospice','60':'inpatient','61':'inpatient','40':'outpatient','20':'snf','30':'snf','1':'pde','2':'pde','3':'pde','4':'pde'}
def ctype(r):
    for c in r.get('type',{}).get('coding',[]):
        if c.get('system')=='https://bluebutton.cms.gov/resources/codesystem/eob-type': return c['code'].lower()
        if c.get('system')=='https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE-CD': return V3MAP.get(c['code'])
def load():
    out=collections.defaultdict(list); seen=set()
    for f in sorted(os.listdir(S)):
        m=re.match(r'^(?:bfd-)?v([123])-',f)
        if not m or not f.endswith('.json'): continue
        v=int(m.group(1))
        if v!=3 and re.search(r'docs-(example|sample)',f): continue
        d=json.load(open(os.path.join(S,f)))
        rs=[e['resource'] for e in d.get('entry',[])] if d.get('resourceType')=='Bundle' else ([d['resource']] if 'resource' in d and isinstance(d['resource'],dict) else [d])
        for r in rs:
            t=r.get('resourceType')
            k=t if t in('Patient','Coverage') else (ctype(r) if t=='ExplanationOfBenefit' else None)
            if not k: continue
            s=json.dumps(r,sort_keys=True)
            if s in seen: continue
            seen.add(s); out[(v,k)].append(r)
    return out

real=load()
sand=json.load(open(sys.argv[1]))

def seg(key,e):
    if isinstance(e,dict):
        if key in('extension','modifierExtension') and isinstance(e.get('url'),str): return f"{key}[url={e['url']}]"
        if key=='coding' and isinstance(e.get('system'),str): return f"{key}[system={e['system']}]"
    return key
def paths(v,p,into):
    if not isinstance(v,dict):
        into.add(p); return
    for k,c in v.items():
        pre=p+'.' if p else ''
        if isinstance(c,list):
            for e in c: paths(e,pre+seg(k,e),into)
        else: paths(c,pre+k,into)
def pset(v,p=''):
    s=set(); paths(v,p,s); return s

# arrays whose elements correspond one-to-one in meaning with the sandbox's: merge into each
PARALLEL={'item','careTeam','diagnosis','insurance','procedure','detail','contained','identifier'}
KEEP_STR={'id','system','url','code','display','unit','currency','use','status','relation','resourceType','valueCode','outcome','type','gender','text'}
SKIP_TOP={'id','meta','patient','identifier','billablePeriod_skip'}
DATE=re.compile(r'^\d{4}-\d\d-\d\d$')

def is_npi(v):
    t=v.get('type') if isinstance(v.get('type'),dict) else {}
    return v.get('system')=='http://hl7.org/fhir/sid/us-npi' or any(isinstance(c,dict) and c.get('code') in('npi','NPI') for c in t.get('coding',[]))
def template(v,key=None,parent=None):
    if isinstance(v,dict):
        out={k:template(c,k,v) for k,c in v.items()}
        if 'value' in v and isinstance(v['value'],str) and is_npi(v): out['value']='$npi'
        return out
    if isinstance(v,list):
        return [template(e,key,parent) for e in v]
    if isinstance(v,bool) or v is None: return v
    if isinstance(v,(int,float)):
        if key=='sequence': return '$seq'
        if key in('informationSequence','careTeamSequence','diagnosisSequence','procedureSequence'): return 1
        if isinstance(v,int) and abs(v)<=40: return '$count'
        return '$amount'
    # strings
    if key=='display' and isinstance(parent,dict) and 'code' not in parent: return '$name'
    if key in KEEP_STR: return v
    if key=='reference': return v if v.startswith('#') else '$ref'
    if DATE.match(v): return '$date'
    if re.match(r'^\d{4}-\d\d-\d\dT',v): return '$instant'
    if key=='div': return v
    if re.fullmatch(r'-?\d+',v): return f'$digits:{len(v.lstrip("-"))}'
    if re.fullmatch(r'[A-Za-z0-9]+',v): return f'$alnum:{len(v)}'
    return '$name'

# Facts the typed builders own (src/sandbox/data/institutional-facts.ts): a template must never supply
# them, or one claim's v1, v2 and v3 would carry different literal codes taken from different samples.
# This is the one place they are kept out: whole members (`set`), elements (`append`) and merges (`each`).
VAR='https://bluebutton.cms.gov/resources/variables/'
OWNED_SLICES={'typeofbill','admissionperiod','admtype','discharge-status','drg'}|{VAR+v for v in('clm_freq_cd','clm_ip_admsn_type_cd','ptnt_dschrg_stus_cd','clm_drg_cd')}
OWNED_EXTENSIONS={VAR+'clm_srvc_clsfctn_type_cd'}
# (location, member): never taken from a template at all / only merged into what the builder emits.
OWNED_ALWAYS={('item','modifier'),('facility','identifier'),('diagnosis','packageCode')}
OWNED_SET={('','procedure'),('','hospitalization'),('item','revenue')}
def owned_element(k,e):
    if k in('supportingInfo','information'): return bool({c for _,c in cats(e)}&OWNED_SLICES)
    if k=='extension' and isinstance(e,dict): return e.get('url') in OWNED_EXTENSIONS
    return False

# A category every `info` row shares: it says nothing about which row it is.
GENERIC={('http://terminology.hl7.org/CodeSystem/claiminformationcategory','info')}

def build(realobjs, S, loc):
    """overlay for location loc given real objects at that location (list) and sandbox path set S (full paths)"""
    ov={'set':{}, 'append':{}, 'each':{}}
    pre=loc+'.' if loc else ''
    for r in realobjs:
        for k,c in r.items():
            if loc=='' and k in SKIP_TOP: continue
            kp=pre+k
            if (loc,k) in OWNED_ALWAYS: continue
            if isinstance(c,list): c=[e for e in c if not owned_element(k,e)]
            if (loc,k) in OWNED_SET and not any(p==kp or p.startswith(kp+'.') or p.startswith(kp+'[') for p in S): continue
            # R4 requires productOrService on every detail; BFD v2 PDE details omit it.
            if k=='detail' and CUR[0][0]!='1' and isinstance(c,list) and not all(isinstance(e,dict) and 'productOrService' in e for e in c): continue
            has=any(p==kp or p.startswith(kp+'.') or p.startswith(kp+'[') for p in S)
            if isinstance(c,list):
                if not has:
                    # new array: take elements from this real object, once
                    if k not in ov['append'] and k not in ov['set']:
                        ov['set'][k]=[template(e,k) for e in c]
                        for e in c: S|=_p(e,pre+seg(k,e))
                    continue
                if k in PARALLEL:
                    sub=[e for e in c if isinstance(e,dict)]
                    child=build(sub,S,kp) if sub else None
                    if child and any(child.values()):
                        merge(ov['each'].setdefault(k,{'set':{},'append':{},'each':{}}),child)
                else:
                    for e in c:
                        ep=_p(e,pre+seg(k,e))
                        # A fixed code added beside the claim's own would contradict it.
                        if k=='coding': continue
                        if k in('supportingInfo','information','total','adjudication') and (cats(e)-GENERIC) & SANDCATS.get((CUR[0],kp),set()): continue
                        if not ep<=S:
                            ov['append'].setdefault(k,[]).append(template(e,k))
                            S|=ep
            elif isinstance(c,dict):
                if not has:
                    if k not in ov['set']:
                        ov['set'][k]=template(c,k,r); S|=_p(c,kp)
                else:
                    child=build([c],S,kp)
                    if any(child.values()): merge(ov['each'].setdefault(k,{'set':{},'append':{},'each':{}}),child)
            else:
                if not has and k not in ov['set']:
                    ov['set'][k]=template(c,k,r); S.add(kp)
    return {x:y for x,y in ov.items() if y}

def _p(v,p):
    s=set(); paths(v,p,s); return s
def merge(a,b):
    for x in ('set','append','each'):
        if x not in b: continue
        a.setdefault(x,{})
        if x=='set':
            for k,v in b[x].items(): a[x].setdefault(k,v)
        elif x=='append':
            for k,v in b[x].items(): a[x].setdefault(k,[]).extend(v)
        else:
            for k,v in b[x].items(): merge(a[x].setdefault(k,{}),v)

def part(r):
    m=re.match(r'^(part-[abcd]|dual|c4dic)',r.get('id',''))
    return m.group(1)[-1] if m and m.group(1).startswith('part') else (m.group(1) if m else None)
def cats(e):
    c=e.get('category',{}) if isinstance(e,dict) else {}
    return {(x.get('system'),x.get('code')) for x in c.get('coding',[])} if isinstance(c,dict) else set()
SANDCATS={}
CUR=['']
def sandcats(key,objs,loc=''):
    for o in objs:
        if not isinstance(o,dict): continue
        for k,c in o.items():
            kp=(loc+'.' if loc else '')+k
            if isinstance(c,list):
                for e in c:
                    if k in('supportingInfo','information','total','adjudication'): SANDCATS.setdefault((key,kp),set()).update(cats(e))
                if k in PARALLEL or k=='item': sandcats(key,c,kp)
for key,objs in sand.items(): sandcats(key,objs)
out={}
for (v,k),rs in sorted(real.items()):
    CUR[0]=f'{v}:{k}'
    key=f'{v}:{k}'
    if key not in sand: continue
    if k=='Coverage':
        groups=collections.defaultdict(list)
        for r in rs: groups[part(r)].append(r)
        for p,g in groups.items():
            if p is None: continue
            mine=[r for r in sand[key] if part(r)==p]
            if not mine: continue
            S=set()
            for r in mine: S|=_p(r,'')
            out[f'{key}:{p}']=build(g,S,'')
        continue
    S=set()
    for r in sand[key]: S|=_p(r,'')
    out[key]=build(rs,S,'')

ts=["/**"," * GENERATED by test/fidelity/tools/derive-overlays.py from the structure (not the values) of real BB2",
" * payloads: what the typed builders do not model, as templates (markers: bb2-overlay.ts). Do not edit.",
" */","import type { Overlay } from './bb2-overlay.js';","",
"export const BB2_OVERLAYS: Readonly<Record<string, Overlay>> = "+json.dumps(out,indent=1)+";",""]
open(os.path.join(ROOT,'src/sandbox/data/bb2-overlays.ts'),'w').write("\n".join(ts))
