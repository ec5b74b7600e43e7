import { formatTime } from "@/lib/view/format-time";

export interface TrendPoint {
  snapshotId: number;
  at: Date;
  score: number;
}

/** Posture score over past snapshots as a small line chart, with the same numbers in a visually hidden list. */
export function PostureTrend({ points }: { points: TrendPoint[] }) {
  if (points.length < 2) {
    return <p className="text-xs text-slate-600">The trend appears once the cluster has two or more snapshots.</p>;
  }
  const w = 240;
  const h = 56;
  const pad = 4;
  const x = (i: number) => pad + (i * (w - 2 * pad)) / (points.length - 1);
  const y = (s: number) => pad + ((100 - s) * (h - 2 * pad)) / 100;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} className="h-14 w-full" role="img" aria-label={`Posture score over the last ${points.length} snapshots, from ${first.score} to ${last.score}`}>
        <line x1={pad} x2={w - pad} y1={y(85)} y2={y(85)} stroke="#cbd5e1" strokeDasharray="3 3" />
        <path d={path} fill="none" stroke="#4f46e5" strokeWidth="2" strokeLinejoin="round" />
        {points.map((p, i) => (
          <circle key={p.snapshotId} cx={x(i)} cy={y(p.score)} r={i === points.length - 1 ? 3.5 : 2} fill="#4f46e5">
            <title>{`#${p.snapshotId} · ${formatTime(p.at)}: ${p.score}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="mt-1 flex justify-between text-[11px] text-slate-600">
        <span>{formatTime(first.at).slice(0, 10)}</span>
        <span>dashed line: 85 (good)</span>
        <span>{formatTime(last.at).slice(0, 10)}</span>
      </figcaption>
      <ul className="sr-only">
        {points.map((p) => (
          <li key={p.snapshotId}>
            Snapshot {p.snapshotId} at {formatTime(p.at)}: {p.score}
          </li>
        ))}
      </ul>
    </figure>
  );
}
