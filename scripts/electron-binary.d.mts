export function electronBinary(root?: string): string | null;
export const noElectronMessage: string;
