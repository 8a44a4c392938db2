import { Liquid, type FS } from 'liquidjs';

/**
 * The template sandbox. Liquid has no way to run code; on top of that:
 * - no file system: the engine gets an `fs` that refuses everything, and `include`, `render` and
 *   `layout` fail to parse, so no template can read a file or another template;
 * - only own properties of the data are visible (no `constructor`, no prototype walks);
 * - the HTML part escapes every output (`outputEscape: 'escape'`), and `raw` escapes too, so
 *   customer data (a name such as `<script>…`) can never inject markup; the plain-text part is
 *   not escaped (it is not HTML);
 * - unknown filters are errors, and parse and render time and memory are limited.
 */
const refusingFs: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: () => Promise.reject(new Error('message templates cannot read files')),
  readFileSync: () => {
    throw new Error('message templates cannot read files');
  },
  resolve: (_dir, file) => file,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
};

const FORBIDDEN_TAGS = ['include', 'render', 'layout'] as const;
export const MAX_OUTPUT_CHARS = 200_000;

function engine(escapeOutput: boolean): Liquid {
  const liquid = new Liquid({
    fs: refusingFs,
    root: [],
    partials: [],
    layouts: [],
    cache: false,
    relativeReference: false,
    strictFilters: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    parseLimit: 200_000,
    renderLimit: 1_000, // ms
    memoryLimit: 10_000_000,
    ...(escapeOutput ? { outputEscape: 'escape' as const } : {}),
  });
  for (const tag of FORBIDDEN_TAGS) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not allowed in message templates`);
      },
      render() {
        return '';
      },
    });
  }
  if (escapeOutput) liquid.registerFilter('raw', (v: unknown) => v); // a plain filter: the output is still escaped
  return liquid;
}

const textEngine = engine(false);
const htmlEngine = engine(true);

export interface TemplateSource {
  subject: string | null;
  text: string;
  html: string | null;
}

export interface Rendered {
  subject: string | null;
  text: string;
  html: string | null;
}

export interface TemplateProblem {
  field: 'subject' | 'text' | 'html';
  message: string;
  line: number | null;
  column: number | null;
}

/** Whether each part parses; the first problem with its line and column, or null. */
export function checkTemplate(source: TemplateSource): TemplateProblem | null {
  const parts: [TemplateProblem['field'], string | null, Liquid][] = [
    ['subject', source.subject, textEngine],
    ['text', source.text, textEngine],
    ['html', source.html, htmlEngine],
  ];
  for (const [field, body, liquid] of parts) {
    if (body === null) continue;
    try {
      liquid.parse(body);
    } catch (e) {
      return problemOf(field, e);
    }
  }
  return null;
}

function problemOf(field: TemplateProblem['field'], e: unknown): TemplateProblem {
  const token = (e as { token?: { getPosition?: () => [number, number] } }).token;
  const position = token?.getPosition?.();
  const raw = e instanceof Error ? e.message : String(e);
  return { field, message: raw.replace(/, line:\d+, col:\d+$/, ''), line: position?.[0] ?? null, column: position?.[1] ?? null };
}

/** `html: … (line 3, column 7)` */
export function problemText(problem: TemplateProblem): string {
  return `${problem.field}: ${problem.message}${problem.line ? ` (line ${problem.line}, column ${problem.column})` : ''}`;
}

export class TemplateRenderError extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problemText(problem));
  }
}

/**
 * Parsed templates by engine and source text. Every journey message renders three parts of a
 * handful of templates, so parsing once per process matters (the bench's hot path); the source is
 * the key, so a saved version is parsed afresh. Bounded: the oldest entries go first.
 */
const parsedCache = new Map<Liquid, Map<string, ReturnType<Liquid['parse']>>>();
const CACHE_LIMIT = 500;

function parsed(liquid: Liquid, body: string): ReturnType<Liquid['parse']> {
  let cache = parsedCache.get(liquid);
  if (!cache) parsedCache.set(liquid, (cache = new Map()));
  let templates = cache.get(body);
  if (!templates) {
    templates = liquid.parse(body);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(body, templates);
  }
  return templates;
}

/** Renders every part against `data`; throws TemplateRenderError for a broken template. */
export async function renderTemplate(source: TemplateSource, data: Record<string, unknown>): Promise<Rendered> {
  const part = async (field: TemplateProblem['field'], body: string | null, liquid: Liquid) => {
    if (body === null) return null;
    try {
      // Synchronous: templates cannot read files or other templates, so nothing here waits.
      const out = String(liquid.renderSync(parsed(liquid, body), data));
      return out.length > MAX_OUTPUT_CHARS ? out.slice(0, MAX_OUTPUT_CHARS) : out;
    } catch (e) {
      throw new TemplateRenderError(problemOf(field, e));
    }
  };
  const subject = await part('subject', source.subject, textEngine);
  return {
    subject: subject === null ? null : subject.replace(/\s+/g, ' ').trim(),
    text: (await part('text', source.text, textEngine)) ?? '',
    html: await part('html', source.html, htmlEngine),
  };
}
