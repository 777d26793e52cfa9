// en strings for the 'cta' namespace. Keys mirror the other language's file.
export default {
} as const;
