// ja strings for the 'results' namespace. Keys mirror the other language's file.
export default {
} as const;
