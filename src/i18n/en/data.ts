// en strings for the 'data' namespace. Keys mirror the other language's file.
export default {
} as const;
