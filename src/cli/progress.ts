/**
 * Export progress on stderr. On a terminal: one live line (pages, resources, rate, ETA from the
 * Bundle's `total`), redrawn at most 10 times a second. On a pipe or in CI: plain lines, no control
 * characters, one at each start, each tenth of the total and each end. Ours rather than a library: it is
 * one line of text, and the libraries that draw it pull in a tree of dependencies for a CLI-only need.
 */
export interface ProgressSink {
  start(resource: string, total: number | undefined, already: number): void;
  page(resources: number): void;
  end(resource: string, note: string): void;
  /** A line that must not be overwritten (a warning, a note). */
  note(text: string): void;
}

const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export function createProgress(write: (text: string) => void, live: boolean, now = Date.now): ProgressSink {
  let resource = '';
  let total: number | undefined;
  let done = 0;
  let pages = 0;
  let startedAt = 0;
  let startedWith = 0;
  let lastDraw = 0;
  let lastTenth = 0;
  let drawn = false;

  const line = () => {
    const seconds = Math.max((now() - startedAt) / 1000, 0.001);
    const rate = (done - startedWith) / seconds;
    const of = total === undefined ? '' : `/${total}`;
    const pct = total ? ` ${Math.floor((100 * done) / total)}%` : '';
    const eta =
      total !== undefined && rate > 0 && done < total ? `, ETA ${formatSeconds((total - done) / rate)}` : '';
    return `${resource}: ${done}${of} resources${pct}, ${pages} pages, ${rate.toFixed(0)}/s${eta}`;
  };
  const clear = () => {
    if (live && drawn) write(CLEAR_LINE);
    drawn = false;
  };

  return {
    start(name, t, already) {
      resource = name;
      total = t;
      done = already;
      startedWith = already;
      pages = 0;
      startedAt = now();
      lastTenth = total ? Math.floor((10 * done) / total) : 0;
      if (live) {
        write(`${CLEAR_LINE}${line()}`);
        drawn = true;
      } else {
        write(
          `${name}: ${already > 0 ? `resuming after ${already}` : 'starting'}${t === undefined ? '' : ` of ${t}`}\n`,
        );
      }
    },
    page(resources) {
      done += resources;
      pages++;
      if (live) {
        if (now() - lastDraw >= REDRAW_MS) {
          lastDraw = now();
          write(`${CLEAR_LINE}${line()}`);
          drawn = true;
        }
        return;
      }
      const tenth = total ? Math.floor((10 * done) / total) : 0;
      if (tenth > lastTenth && done < (total ?? 0)) {
        lastTenth = tenth;
        write(`${line()}\n`);
      }
    },
    end(name, note) {
      clear();
      write(`${name}: ${note}\n`);
    },
    note(text) {
      clear();
      write(`${text}\n`);
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
