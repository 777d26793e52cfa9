// ja strings for the 'health' namespace. Keys mirror the other language's file.
export default {
} as const;
