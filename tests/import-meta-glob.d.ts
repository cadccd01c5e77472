// Vite's import.meta.glob, as the tests use it (reading source files as text inside workerd).
interface ImportMeta {
  glob<T = unknown>(
    patterns: string | string[],
    options: { query?: string; import?: string; eager: true },
  ): Record<string, T>;
}
