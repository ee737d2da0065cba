// The shape every benchmark file reports in.

/** One measured figure, printed beside its target (what we promise) and floor (what the framework alone does). */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the project promises; `higherIsBetter` says which side passes. */
  readonly target?: number;
  readonly higherIsBetter?: boolean;
  /** The same measure for the bare framework underneath, for context. */
  readonly floor?: number;
  readonly note?: string;
}

/** A benchmark file's export. */
export type Bench = () => Promise<BenchResult[]>;
