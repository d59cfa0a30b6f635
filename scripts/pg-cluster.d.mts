export function postgresBinDir(): string | null;
/** `durable`: fsync, synchronous_commit and full_page_writes on (benchmarks); off by default (tests). */
export function startPostgres(options?: { durable?: boolean }): Promise<{ url: string; stop(): void }>;
