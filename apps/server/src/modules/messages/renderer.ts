import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker as Thread } from 'node:worker_threads';
import { renderTemplate, TemplateRenderError, type Rendered, type TemplateProblem, type TemplateSource } from './render.js';

/** One template to render against its data (plain data: it may cross to a thread). */
export interface RenderJob {
  source: TemplateSource;
  data: Record<string, unknown>;
}

/** A rendered template, or what is wrong with it (a broken template is an outcome, not a failure). */
export type RenderOutcome = { rendered: Rendered } | { problem: TemplateProblem };

/**
 * Where the automation renders its journey messages. Rendering is pure CPU (liquidjs): in the
 * order-placement bench it was 6–7 % of the event loop's time while the embedded outbox worker
 * shared that loop with requests, so `serve` renders them in a thread (docs/PERFORMANCE.md).
 */
export interface Renderer {
  /** Renders every job, in order. */
  renderAll(jobs: readonly RenderJob[]): Promise<RenderOutcome[]>;
  close(): Promise<void>;
}

export async function renderOutcome(job: RenderJob): Promise<RenderOutcome> {
  try {
    return { rendered: await renderTemplate(job.source, job.data) };
  } catch (e) {
    if (e instanceof TemplateRenderError) return { problem: e.problem };
    throw e;
  }
}

/** Renders on the calling thread. */
export const inlineRenderer: Renderer = {
  async renderAll(jobs) {
    const out: RenderOutcome[] = [];
    for (const job of jobs) out.push(await renderOutcome(job));
    return out;
  },
  async close() {},
};

/** What is sent to the thread, and what it answers: the outcomes, or why it could not render them. */
export interface RenderRequest {
  id: number;
  jobs: readonly RenderJob[];
}

export interface RenderReply {
  id: number;
  outcomes?: RenderOutcome[];
  error?: string;
}

/**
 * Renders in a worker thread of its own (render-thread.ts, which loads only liquidjs and
 * render.ts, so the thread costs little memory). Each `renderAll` is one message to the thread and
 * one back. If the thread cannot start or dies, what it had not answered and everything after is
 * rendered inline, and `warn` hears why once. Runs from the built server only (dist/): a worker
 * thread cannot load TypeScript sources, so from sources (tests in process) this renders inline.
 */
export function startRenderThread(warn: (message: string) => void, options: { entry?: URL } = {}): Renderer {
  const entry = options.entry ?? new URL('./render-thread.js', import.meta.url);
  if (!fs.existsSync(fileURLToPath(entry))) return inlineRenderer;
  // Small heaps: a batch of templates and their data is a few hundred KB at most (liquidjs limits
  // each render to 10 MB). A thread that runs out of memory dies, and rendering falls back.
  const thread = new Thread(entry, { resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
  thread.unref(); // an idle render thread never keeps the process alive
  const pending = new Map<number, { jobs: readonly RenderJob[]; resolve: (outcomes: RenderOutcome[]) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let failed = false;
  let closing = false;
  const fallBack = (why: string) => {
    if (failed) return;
    failed = true;
    if (!closing) warn(`message render thread stopped (${why}); rendering on the event loop`);
    for (const [id, job] of pending) {
      pending.delete(id);
      inlineRenderer.renderAll(job.jobs).then(job.resolve, job.reject);
    }
  };
  thread.on('message', (reply: RenderReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (reply.outcomes) job.resolve(reply.outcomes);
    else job.reject(new Error(`rendering failed in the render thread: ${reply.error}`));
  });
  thread.on('error', (error) => fallBack(String(error)));
  thread.on('exit', (code) => fallBack(`exit code ${code}`));
  return {
    renderAll(jobs) {
      if (jobs.length === 0) return Promise.resolve([]);
      if (failed) return inlineRenderer.renderAll(jobs);
      const id = nextId++;
      const answered = new Promise<RenderOutcome[]>((resolve, reject) => pending.set(id, { jobs, resolve, reject }));
      // While anything waits for the thread, it keeps the process alive (idle, it is unref'd).
      if (pending.size === 1) thread.ref();
      try {
        thread.postMessage({ id, jobs });
      } catch (e) {
        pending.delete(id); // data a thread cannot take (template data never is): the caller hears it
        throw e;
      }
      return answered.finally(() => {
        if (pending.size === 0 && !failed) thread.unref();
      });
    },
    async close() {
      closing = true;
      if (failed) return;
      await thread.terminate();
    },
  };
}
