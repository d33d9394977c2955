import { mount } from '@vue/test-utils';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import EChart from '../../../../web/charts/EChart.vue';
import { getInstanceByDom, type ChartOption } from '../../../../web/charts/echarts';

// happy-dom has no 2D canvas context; the SVG renderer exercises the same wrapper lifecycle.
use([SVGRenderer]);

const bars = (data: number[]): ChartOption => ({
  xAxis: { type: 'category', data: data.map((_, i) => String(i)) },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data }],
});

describe('EChart', () => {
  it('creates an instance on mount, replaces its option, and disposes it on unmount', async () => {
    const w = mount(EChart, { props: { option: bars([1, 2, 3]), label: 'footfall', renderer: 'svg' }, attachTo: document.body });
    const el = w.element as HTMLElement;
    const chart = getInstanceByDom(el);
    expect(chart).toBeDefined();
    expect(chart!.isDisposed()).toBeFalsy();
    expect(el.getAttribute('aria-label')).toBe('footfall');
    expect((chart!.getOption() as { series: { data: number[] }[] }).series[0]!.data).toEqual([1, 2, 3]);

    await w.setProps({ option: bars([7, 8]) });
    await nextTick();
    expect((chart!.getOption() as { series: { data: number[] }[] }).series[0]!.data).toEqual([7, 8]);

    w.unmount();
    expect(chart!.isDisposed()).toBe(true);
    expect(getInstanceByDom(el)).toBeUndefined();
  });
});
