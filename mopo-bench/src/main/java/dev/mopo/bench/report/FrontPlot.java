package dev.mopo.bench.report;

import dev.mopo.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A scatter plot of policies in objective space (JFreeChart, written as PNG): curves drawn as
 * lines, point sets as markers, one colour per series.
 */
public final class FrontPlot {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, List<double[]>> lines = new LinkedHashMap<>();
    private final Map<String, List<double[]>> markers = new LinkedHashMap<>();

    /** An empty plot. */
    public FrontPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series drawn as a line through {@code (x, y)} points, in order. */
    public FrontPlot line(String name, List<double[]> points) {
        lines.put(name, points);
        return this;
    }

    /** Adds a series drawn as markers. */
    public FrontPlot markers(String name, List<double[]> points) {
        markers.put(name, points);
        return this;
    }

    /** Renders the plot to {@code file} (PNG), atomically. */
    public void writePng(Path file, int width, int height) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        int index = 0;
        for (Map.Entry<String, List<double[]>> entry : lines.entrySet()) {
            dataset.addSeries(series(entry.getKey(), entry.getValue()));
            renderer.setSeriesLinesVisible(index, true);
            renderer.setSeriesShapesVisible(index, false);
            renderer.setSeriesStroke(index, new BasicStroke(2f));
            renderer.setSeriesPaint(index, index == 0 ? Color.BLACK : PALETTE[index % PALETTE.length]);
            index++;
        }
        for (Map.Entry<String, List<double[]>> entry : markers.entrySet()) {
            dataset.addSeries(series(entry.getKey(), entry.getValue()));
            renderer.setSeriesLinesVisible(index, false);
            renderer.setSeriesShapesVisible(index, true);
            renderer.setSeriesPaint(index, PALETTE[(index - lines.size()) % PALETTE.length]);
            index++;
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, XyPlots.of(dataset, renderer, xLabel,
                yLabel), true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    private static XYSeries series(String name, List<double[]> points) {
        XYSeries series = new XYSeries(name, false, true);
        for (double[] p : points) {
            series.add(p[0], p[1]);
        }
        return series;
    }
}
