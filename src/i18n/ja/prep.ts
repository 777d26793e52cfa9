// ja strings for the 'prep' namespace. Keys mirror the other language's file.
export default {
} as const;
