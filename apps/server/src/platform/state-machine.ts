/**
 * A state machine is data: for each state, the states it may move to. This helper answers
 * "may I?" and "where can I go?", and checks the table once at start-up.
 */
export type TransitionTable<S extends string> = Record<S, readonly S[]>;

export function allowedTargets<S extends string>(table: TransitionTable<S>, from: S): readonly S[] {
  return table[from];
}

export function canMove<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** States no path from `initial` reaches. A non-empty answer is a bug in the table. */
export function unreachableStates<S extends string>(table: TransitionTable<S>, initial: S): S[] {
  const seen = new Set<S>([initial]);
  const queue: S[] = [initial];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const next of table[state]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return (Object.keys(table) as S[]).filter((s) => !seen.has(s));
}

/** Throws at start-up when a table has states nothing can reach. */
export function assertReachable<S extends string>(name: string, table: TransitionTable<S>, initial: S): void {
  const lost = unreachableStates(table, initial);
  if (lost.length > 0) throw new Error(`State machine ${name}: unreachable states ${lost.join(', ')}`);
}
