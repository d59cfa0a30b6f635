export function bundleVerifier(): Promise<string>;
