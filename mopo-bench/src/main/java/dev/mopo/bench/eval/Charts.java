package dev.mopo.bench.eval;

import dev.mopo.bench.report.XyPlots;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** The report's plots, drawn with JFreeChart into SVG elements (JFreeSVG) that an HTML page holds inline. */
final class Charts {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 460;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    /**
     * A policy in a plane of objective space: its estimates on the two axes.
     *
     * @param name the policy's name
     * @param x the estimate on the horizontal axis
     * @param y the estimate on the vertical axis
     * @param nonDominated whether it belongs to the front (over all objectives)
     */
    record Point(String name, Estimate x, Estimate y, boolean nonDominated) {}

    private int charts;

    /**
     * Policies as points with their intervals as error bars on both axes, and a dashed line
     * through the non-dominated ones (in order along the horizontal axis).
     */
    String objectiveSpace(String title, String xLabel, String yLabel, List<Point> points) {
        return svg(objectiveSpaceChart(title, xLabel, yLabel, points));
    }

    /** The chart of {@link #objectiveSpace}. */
    static JFreeChart objectiveSpaceChart(String title, String xLabel, String yLabel, List<Point> points) {
        XYIntervalSeriesCollection policies = new XYIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(6);
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            XYIntervalSeries series = new XYIntervalSeries(point.name() + (point.nonDominated() ? " *" : ""));
            series.add(point.x().value(), point.x().low(), point.x().high(), point.y().value(), point.y().low(),
                    point.y().high());
            policies.addSeries(series);
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        XYPlot plot = XyPlots.of(policies, renderer, xLabel, yLabel);
        XYSeries front = new XYSeries("non-dominated (*)", false, true);
        points.stream().filter(Point::nonDominated).sorted(Comparator.comparingDouble(p -> p.x().value()))
                .forEach(p -> front.add(p.x().value(), p.y().value()));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.BLACK);
        line.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        plot.setDataset(1, new XYSeriesCollection(front));
        plot.setRenderer(1, line);
        return chart(title, plot);
    }

    /** Curves, one per series, through {@code (x, y)} points in order. */
    String lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        return svg(linesChart(title, xLabel, yLabel, series));
    }

    /** The chart of {@link #lines}. */
    static JFreeChart linesChart(String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int index = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            XYSeries curve = new XYSeries(entry.getKey(), false, true);
            entry.getValue().forEach(p -> curve.add(p[0], p[1]));
            dataset.addSeries(curve);
            renderer.setSeriesPaint(index, PALETTE[index % PALETTE.length]);
            renderer.setSeriesStroke(index, new BasicStroke(1.5f));
            index++;
        }
        return chart(title, XyPlots.of(dataset, renderer, xLabel, yLabel));
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private String svg(JFreeChart chart) {
        SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
        graphics.setDefsKeyPrefix("chart" + charts++ + "-");
        chart.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return graphics.getSVGElement();
    }
}
