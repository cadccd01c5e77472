// Demo supply for a newcomer's first requests (filled in with the booking issue).
export async function seedDemoData(_url: string, _now: Date): Promise<void> {}
