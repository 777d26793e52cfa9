// en strings for the 'fields' namespace. Keys mirror the other language's file.
export default {
} as const;
