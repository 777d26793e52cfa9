// en strings for the 'shell' namespace. Keys mirror the other language's file.
export default {
} as const;
