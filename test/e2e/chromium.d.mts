export function findChromium(): string | null;
export const INSTALL_HINT: string;
