// ja strings for the 'projects' namespace. Keys mirror the other language's file.
export default {
} as const;
