/**
 * Seeds the demo project's sample dataset on first run (called by the store's bootstrap).
 * Placeholder until the data-import issue provides the generator.
 */
export async function seedDemoDataset(_projectId: string): Promise<void> {}
