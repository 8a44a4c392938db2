import { CompiledQuery, sql } from 'kysely';
import { insertRows, isParameter } from './insert.js';
import type { Database, Executor } from './schema.js';

/**
 * The statement that writes what `insertSoon` held (insert-queue.ts): PostgreSQL's data-modifying
 * CTEs, the values of `valueSoon` first, and a kept text per shape so that a flush only binds
 * its values after the first of its shape.
 */

export type Options = { ignoreConflictOn?: string | undefined };
export type Group = { table: keyof Database & string; rows: Record<string, unknown>[]; options: Options; shape: string };
/** A statement whose one `value` column the held rows use (see `valueSoon`). */
export type LateSource = (creator: Pick<Executor, 'insertInto' | 'updateTable' | 'selectFrom'>) => { compile(): unknown };
/** What `valueSoon` takes: see there. */
export interface LateValue {
  /** The table `source` writes. */
  table: keyof Database & string;
  /** Names the statement's text, which must depend on nothing but `key`. */
  key: string;
  /** `source`'s parameters, in the order its compiled text binds them. */
  parameters: readonly unknown[];
  source: LateSource;
}
export type Late = LateValue & { token: string };
type Creator = Pick<Executor, 'insertInto' | 'updateTable' | 'selectFrom' | 'selectNoFrom'> & { with(name: string, cte: (creator: Creator) => unknown): Creator };

/** Statement texts of flushes by their shape (see `shapeOf`); like `insertRows`, a flush of a known shape only binds its values. */
const flushTexts = new Map<string, string>();
const MAX_FLUSH_TEXTS = 300;
/** For tests: flushes of several groups that bound a kept text, and that Kysely compiled. */
export const flushCounts = { reused: 0, compiled: 0 };

/**
 * The shape of a flush (what its text depends on: the values' keys, each group's table, columns,
 * conflict option and row count, and which values hold which placeholders) and its parameters in
 * the order the compiled text binds them; undefined when a value is not a plain parameter.
 */
function shapeOf(groups: readonly Group[], lates: readonly Late[]): { key: string; parameters: unknown[] } | undefined {
  const parameters: unknown[] = [];
  const key: string[] = [];
  for (const l of lates) {
    key.push(l.key);
    parameters.push(...l.parameters);
  }
  for (const g of groups) {
    key.push(g.shape, String(g.rows.length));
    const columns = Object.keys(g.rows[0]!);
    g.rows.forEach((row, r) => {
      const keys = Object.keys(row);
      if (keys.length !== columns.length) parameters.push(undefined); // cannot be reused
      columns.forEach((column, c) => {
        const v = row[column];
        if (keys[c] !== column || !isParameter(v)) parameters.push(undefined, undefined); // cannot be reused
        parameters.push(v);
        if (lates.length > 0 && typeof v === 'string' && v.includes('~soon-')) {
          lates.forEach((l, i) => {
            if (!v.includes(l.token)) return;
            key.push(`${r}.${c}>${i}`);
            parameters.push(l.token);
          });
        }
      });
    });
  }
  return parameters.includes(undefined) ? undefined : { key: key.join('\u0001'), parameters };
}

/** One statement: the late values' CTEs, then the groups' inserts; resolves to the late values. */
export async function writeTogether(db: Executor, groups: readonly Group[], lates: readonly Late[]): Promise<string[]> {
  const last = groups[groups.length - 1];
  if (lates.length === 0 && last !== undefined && groups.length === 1) {
    await insertRows(db, last.table, last.rows as never, last.options as never);
    return [];
  }
  const shape = shapeOf(groups, lates);
  const known = shape && flushTexts.get(shape.key);
  let result: { rows: unknown[] };
  if (shape && known !== undefined) {
    flushCounts.reused += 1;
    result = await db.executeQuery(CompiledQuery.raw(known, shape.parameters));
  } else {
    flushCounts.compiled += 1;
    const compiled = build(db, groups, lates).compile();
    // Reused only when every value became a parameter where shapeOf put it.
    if (shape && compiled.parameters.length === shape.parameters.length && compiled.parameters.every((p, i) => p === shape.parameters[i])) {
      if (flushTexts.size >= MAX_FLUSH_TEXTS) flushTexts.clear();
      flushTexts.set(shape.key, compiled.sql);
    }
    result = await db.executeQuery(compiled);
  }
  if (lates.length === 0) return [];
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return lates.map((_, i) => {
    const value = row?.[`soon${i}`];
    if (typeof value !== 'string') throw new Error(`a value taken with valueSoon came back as ${String(value)}: its statement must return one row with a text column "value"`);
    return value;
  });
}

/**
 * `with "soon0" as (<source>), …, "q0" as (insert …), … insert …`, or with values, every insert a
 * CTE (PostgreSQL runs each exactly once, read or not) and `select` of the values last. A value
 * holding a placeholder becomes `replace(value, token, (select value from "soonN"))`.
 */
function build(db: Executor, groups: readonly Group[], lates: readonly Late[]) {
  const names = lates.map((_, i) => `soon${i}`);
  const rowsOf = (g: Group) => {
    if (lates.length === 0) return g.rows;
    return g.rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(row)) {
        let value: unknown = v;
        if (typeof v === 'string' && v.includes('~soon-')) {
          lates.forEach((l, i) => {
            if (v.includes(l.token)) value = sql`replace(${value}, ${l.token}, (select value from ${sql.table(names[i]!)}))`;
          });
        }
        out[key] = value;
      }
      return out;
    });
  };
  const insert = (creator: Pick<Executor, 'insertInto'>, g: Group) => {
    const query = creator.insertInto(g.table).values(rowsOf(g) as never);
    const column = g.options.ignoreConflictOn;
    return column === undefined ? query : query.onConflict((oc) => oc.column(column as never).doNothing());
  };
  let creator = db as unknown as Creator;
  lates.forEach((l, i) => {
    creator = creator.with(names[i]!, (c) => l.source(c));
  });
  if (lates.length === 0) {
    groups.slice(0, -1).forEach((g, i) => {
      creator = creator.with(`q${i}`, (c) => insert(c, g));
    });
    return insert(creator, groups[groups.length - 1]!);
  }
  groups.forEach((g, i) => {
    creator = creator.with(`q${i}`, (c) => insert(c, g));
  });
  return creator.selectNoFrom(names.map((n) => sql<string>`(select value from ${sql.table(n)})`.as(n)) as never);
}
