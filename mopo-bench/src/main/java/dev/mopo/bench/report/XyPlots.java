package dev.mopo.bench.report;

import java.awt.Color;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;

/** The look every mopo plot shares: numeric axes that need not include zero, white ground, grey grid. */
public final class XyPlots {

    private XyPlots() {}

    /** A plot of {@code dataset} drawn by {@code renderer}, its axes labelled {@code xLabel} and {@code yLabel}. */
    public static XYPlot of(XYDataset dataset, XYItemRenderer renderer, String xLabel, String yLabel) {
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
