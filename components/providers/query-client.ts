import { QueryClient } from "@tanstack/react-query";

/** One QueryClient with explicit defaults; live panels add their own refetchInterval. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: 1,
        refetchOnWindowFocus: true,
        // Keep showing the last data while a refresh is in flight: no layout jumps on a wall screen.
        placeholderData: (previous: unknown) => previous,
      },
    },
  });
}
