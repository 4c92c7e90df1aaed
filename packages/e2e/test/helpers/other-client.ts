/**
 * Another client on the connector's IP (the simulator sees both as 127.0.0.1): a burst of
 * candle requests that spends the shared rate-limit budget, as a second job on the same host
 * would. Returns how many answers had each status.
 */
export async function burstFromSameIp(
  baseUrl: string,
  requests: number
): Promise<Record<number, number>> {
  const url = `${baseUrl}/v1/candles/minutes/60?market=KRW-BTC&count=1`;
  const statuses = await Promise.all(
    Array.from({length: requests}, async () => {
      const response = await fetch(url);
      await response.arrayBuffer();
      return response.status;
    })
  );
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
