/**
 * A server-side consent flow with Express: /login redirects the beneficiary to Blue Button, /callback
 * exchanges the code and reads their claims. Sessions are a Map here; use your session store.
 */
import { randomUUID } from 'node:crypto';
import { type AuthData, type BlueButton, isBlueButtonError } from 'bluebutton-ts';
import express from 'express';

export function createApp(bb: BlueButton<2>, saveToken: (patient: string, json: string) => Promise<void>) {
  const pending = new Map<string, AuthData>(); // session id -> PKCE data, until the callback
  const app = express();

  app.get('/login', (_req, res) => {
    const sid = randomUUID();
    const authData = bb.generateAuthData();
    pending.set(sid, authData);
    res.cookie('sid', sid, { httpOnly: true, sameSite: 'lax' });
    res.redirect(
      bb.generateAuthorizeUrl(authData, { scope: ['patient/ExplanationOfBenefit.rs', 'profile'] }),
    );
  });

  app.get('/callback', async (req, res) => {
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const authData = pending.get(sid);
    pending.delete(sid);
    if (!authData) return void res.status(400).send('No login in progress');
    try {
      const token = await bb.handleCallback(authData, req.originalUrl);
      await saveToken(token.patient, JSON.stringify(token));
      const client = bb.client(token, { onTokenRefresh: (t) => saveToken(t.patient, JSON.stringify(t)) });
      const page = await client.v2.ExplanationOfBenefit.search({ _count: 10 });
      res.json({ patient: token.patient, claims: page.total, firstPage: page.entry?.length ?? 0 });
    } catch (e) {
      if (isBlueButtonError(e) && e.code === 'CALLBACK_ACCESS_DENIED')
        return void res.status(403).send('You chose not to share your data.');
      if (isBlueButtonError(e)) return void res.status(502).send(`Blue Button error: ${e.code}`);
      throw e;
    }
  });
  return app;
}
