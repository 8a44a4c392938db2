/**
 * Reliability suites run twice: a quick version in `npm test`, and the long one with
 * `npm run test:reliability` (ORDERCARE_RELIABILITY=long). Each suite picks its sizes here.
 */
export const LONG = process.env.ORDERCARE_RELIABILITY === 'long';

export const scaled = (quick: number, long: number): number => (LONG ? long : quick);

/** Test timeout for a suite whose long version runs for minutes. */
export const suiteTimeout = (quickMs: number): number => (LONG ? 60 * 60_000 : quickMs);
