import { describe, expect, it } from 'vitest';
import { colorLabel } from './colors';
import { emptyProject } from '../../model';

const t = (key: string) => `T(${key})`;

describe('colorLabel', () => {
  it('shows a default band name in the UI language', () => {
    const { health } = emptyProject('x');
    expect(colorLabel(health, 'green', t)).toBe('T(colors.green)');
  });

  it('shows a name the user wrote as written, and an unknown id as the id', () => {
    const { health } = emptyProject('x');
    health.bands[0] = { ...health.bands[0], label: '優良' };
    expect(colorLabel(health, 'green', t)).toBe('優良');
    expect(colorLabel(health, 'purple', t)).toBe('purple');
  });

  it('a project created in Japanese starts with Japanese names, still shown in the UI language', () => {
    const p = emptyProject('x', undefined, 'ja');
    expect(p.health.bands.map((b) => b.label)).toEqual(['緑', 'ライム', '黄', '赤']);
    expect(p.segments.items[0].label).toBe('すべて');
    expect(colorLabel(p.health, 'lime', t)).toBe('T(colors.lime)');
    expect(emptyProject('x').segments.items[0].label).toBe('All');
  });
});
