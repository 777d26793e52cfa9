// en strings for the 'common' namespace. Keys mirror the other language's file.
export default {
} as const;
