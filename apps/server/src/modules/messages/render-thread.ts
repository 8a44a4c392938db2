/**
 * The message render thread (started by renderer.ts): renders the templates it is sent, in order,
 * and answers with their outcomes. Loads only renderer.ts and render.ts (so liquidjs and nothing
 * else of the server): a thread costs memory.
 */
import { parentPort } from 'node:worker_threads';
import { renderOutcome, type RenderOutcome, type RenderReply, type RenderRequest } from './renderer.js';

const port = parentPort;
if (!port) throw new Error('render-thread.js runs in a worker thread');

port.on('message', async ({ id, jobs }: RenderRequest) => {
  let reply: RenderReply;
  try {
    const outcomes: RenderOutcome[] = [];
    for (const job of jobs) outcomes.push(await renderOutcome(job));
    reply = { id, outcomes };
  } catch (e) {
    reply = { id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  port.postMessage(reply);
});
