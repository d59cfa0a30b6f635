export type Command = {
  usage: string;
  /** Resolves to the exit code (nothing = 0); never sets process.exitCode, so that tests may run it in-process. */
  run(argv: string[], out: (line: string) => void): Promise<number | void>;
};
