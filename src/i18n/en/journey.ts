// en strings for the 'journey' namespace. Keys mirror the other language's file.
export default {
} as const;
