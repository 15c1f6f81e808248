/** Calls about case photos (download queue, cache); filled in with the photo service. */
export const photoCalls = {} as const;
