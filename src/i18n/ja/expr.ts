// ja strings for the 'expr' namespace. Keys mirror the other language's file.
export default {
} as const;
