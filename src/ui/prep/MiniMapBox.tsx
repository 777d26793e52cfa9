import { memo } from 'react';
import type { MiniMapNodeProps } from '@xyflow/react';

/**
 * While a box is dragged its minimap rectangle stays where the drag started and catches up on the
 * drop. Moving one <rect> among 1,000 makes Chromium re-lay-out the whole minimap SVG (it
 * recomputes the bounds over every child) on each drag frame. Module state, because memo's
 * comparator cannot read React context; only one editor is open at a time.
 */
let frozen = false;
export function freezeMiniMap(on: boolean): void {
  frozen = on;
}

function MiniMapBox({
  id,
  x,
  y,
  width,
  height,
  color,
  className,
  borderRadius,
  shapeRendering,
  selected,
}: MiniMapNodeProps) {
  return (
    <rect
      className={`react-flow__minimap-node${selected ? ' selected' : ''}${className ? ` ${className}` : ''}`}
      data-id={id}
      x={x}
      y={y}
      rx={borderRadius}
      ry={borderRadius}
      width={width}
      height={height}
      style={{ fill: color }}
      shapeRendering={shapeRendering}
    />
  );
}

const same = (a: MiniMapNodeProps, b: MiniMapNodeProps) =>
  a.x === b.x &&
  a.y === b.y &&
  a.width === b.width &&
  a.height === b.height &&
  a.color === b.color &&
  a.selected === b.selected &&
  a.className === b.className &&
  a.borderRadius === b.borderRadius;

export default memo(
  MiniMapBox,
  (a, b) =>
    (frozen &&
      a.id === b.id &&
      a.color === b.color &&
      a.width === b.width &&
      a.height === b.height) ||
    same(a, b),
);
