// A horizontal bar chart drawn on the server in SVG: each bar has its label and its value written
// beside it, and its own fill pattern (solid, hatched, dotted, crossed), so nothing depends on
// colour. The chart is an image named by its title and described by a sentence; the same figures
// are in the table that follows it on the page.
export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 640;
const LABEL_WIDTH = 210;
const VALUE_WIDTH = 70;
const BAR_HEIGHT = 26;
const GAP = 12;
const INK = '#000091';

/** Patterns by position: the nth bar of every chart looks the same. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-p1`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="8" stroke={INK} stroke-width="4" />
      </pattern>
      <pattern id={`${id}-p2`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#ffffff" />
        <circle cx="4" cy="4" r="2.2" fill={INK} />
      </pattern>
      <pattern id={`${id}-p3`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#ffffff" />
        <path d="M0 0L8 8M8 0L0 8" stroke={INK} stroke-width="1.5" />
      </pattern>
    </defs>
  );
}

const fillOf = (id: string, index: number) => (index % 4 === 0 ? INK : `url(#${id}-p${index % 4})`);

export function BarChart({
  id,
  title,
  description,
  bars,
}: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  return (
    <figure class="fr-mb-4w">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        class="ars-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Patterns id={id} />
        {bars.map((bar, i) => {
          const y = GAP + i * (BAR_HEIGHT + GAP);
          const width = Math.round((bar.value / max) * span);
          return (
            <g>
              <text
                x={LABEL_WIDTH - 8}
                y={y + BAR_HEIGHT / 2}
                text-anchor="end"
                dominant-baseline="middle"
                font-size="15"
                fill="#161616"
              >
                {bar.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y}
                width={Math.max(width, 1)}
                height={BAR_HEIGHT}
                fill={fillOf(id, i)}
                stroke={INK}
                stroke-width="1.5"
              />
              <text
                x={LABEL_WIDTH + Math.max(width, 1) + 8}
                y={y + BAR_HEIGHT / 2}
                dominant-baseline="middle"
                font-size="15"
                font-weight="bold"
                fill="#161616"
              >
                {String(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="fr-text--sm">{title} (les mêmes chiffres figurent dans le tableau ci-dessous).</figcaption>
    </figure>
  );
}

/** "Prévues : 3, tenues : 1, manquées : 1." — the chart's figures in one sentence. */
export const describeBars = (bars: Bar[]) =>
  `${bars.map((b, i) => `${i === 0 ? b.label : b.label.toLowerCase()} : ${b.value}`).join(', ')}.`;
