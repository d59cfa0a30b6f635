export type Command = {
  usage: string;
  run(argv: string[], out: (line: string) => void): Promise<void>;
};
