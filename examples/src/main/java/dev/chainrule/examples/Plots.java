package dev.chainrule.examples;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of the examples, drawn with XChart off-screen (no display needed). */
final class Plots {
    /** Strong colours for data points, pale ones for the regions a model assigns to each class. */
    private static final Color[] STRONG = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};
    private static final Color[] PALE = {new Color(0xc6dbef), new Color(0xf4c7c3), new Color(0xc7e9c0),
        new Color(0xfdd0a2), new Color(0xdadaeb)};

    static {
        // charts render into images; never try to open a window
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** One named curve: y values at x = 1, 2, ... (epochs). */
    record Curve(String name, double[] y) {
    }

    /**
     * Writes side-by-side line charts into one PNG, one chart per entry of {@code panels}
     * (title → curves), sharing the x axis title.
     */
    static Path curves(Path png, String xTitle, Map<String, List<Curve>> panels, Map<String, String> yTitles) {
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, List<Curve>> panel : panels.entrySet()) {
            XYChart chart = new XYChartBuilder().width(560).height(400).title(panel.getKey())
                    .xAxisTitle(xTitle).yAxisTitle(yTitles.getOrDefault(panel.getKey(), "")).build();
            style(chart);
            // rising curves (accuracy) leave the lower right free, falling ones (loss) the upper right
            boolean rising = panel.getValue().stream().allMatch(c -> c.y().length < 2 || c.y()[c.y().length - 1] > c.y()[0]);
            chart.getStyler().setLegendPosition(rising ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
            int k = 0;
            for (Curve c : panel.getValue()) {
                double[] x = new double[c.y().length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 1;
                }
                XYSeries s = chart.addSeries(c.name(), x, c.y());
                s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                s.setLineColor(STRONG[k % STRONG.length]);
                s.setMarkerColor(STRONG[k % STRONG.length]);
                k++;
            }
            charts.add(chart);
        }
        return save(png, charts);
    }

    /**
     * Writes a regression chart: the data as small dots, the model's mean as a line and a band
     * (lower to upper, e.g. ±2σ) as a pale area behind them.
     */
    static Path band(Path png, String title, String xTitle, String yTitle, double[] dataX, double[] dataY,
                     double[] x, double[] mean, double[] lower, double[] upper, String bandName) {
        XYChart chart = new XYChartBuilder().width(1000).height(560).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setXAxisDecimalPattern("0"); // years, not "1,960"
        // the band as one closed polygon: along the upper edge, back along the lower one
        int m = x.length;
        double[] px = new double[2 * m], py = new double[2 * m];
        for (int i = 0; i < m; i++) {
            px[i] = x[i];
            py[i] = upper[i];
            px[2 * m - 1 - i] = x[i];
            py[2 * m - 1 - i] = lower[i];
        }
        XYSeries b = chart.addSeries(bandName, px, py);
        b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        b.setMarker(SeriesMarkers.NONE);
        b.setFillColor(PALE[0]);
        b.setLineColor(PALE[0]);
        XYSeries d = chart.addSeries("data", dataX, dataY);
        d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        d.setMarker(new SizedCircle(4));
        d.setMarkerColor(Color.BLACK);
        XYSeries mu = chart.addSeries("mean", x, mean);
        mu.setMarker(SeriesMarkers.NONE);
        mu.setLineColor(STRONG[0]);
        mu.setLineWidth(1.2f);
        return save(png, List.of(chart));
    }

    /**
     * Writes a 2-D classifier's decision regions (a pale colour per predicted class on a grid)
     * with the data points on top.
     *
     * @param predict the class the model predicts for a point (x, y)
     */
    static Path decisionBoundary(Path png, String title, double[][] points, int[] labels, List<String> classes,
                                 ToIntFunction<double[]> predict) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double padX = 0.1 * (maxX - minX) + 1e-9, padY = 0.1 * (maxY - minY) + 1e-9;
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;

        int grid = 90;
        Map<Integer, List<double[]>> regions = new LinkedHashMap<>();
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                double[] p = {minX + (maxX - minX) * (i + 0.5) / grid, minY + (maxY - minY) * (j + 0.5) / grid};
                regions.computeIfAbsent(predict.applyAsInt(p), c -> new ArrayList<>()).add(p);
            }
        }
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title).xAxisTitle("x1").yAxisTitle("x2")
                .build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisMin(minX).setXAxisMax(maxX).setYAxisMin(minY).setYAxisMax(maxY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setPlotContentSize(1.0);
        // grid cells drawn as squares big enough to tile the plot
        int cell = (int) Math.ceil(560.0 / grid) + 2;
        for (Map.Entry<Integer, List<double[]>> r : regions.entrySet()) {
            int c = r.getKey();
            XYSeries s = chart.addSeries("predicted " + name(classes, c), column(r.getValue(), 0), column(r.getValue(), 1));
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(PALE[Math.floorMod(c, PALE.length)]);
            s.setShowInLegend(false);
            chart.getStyler().setMarkerSize(cell);
        }
        for (int c = 0; c < classes.size(); c++) {
            List<double[]> mine = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == c) {
                    mine.add(points[i]);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(name(classes, c), column(mine, 0), column(mine, 1));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(STRONG[c % STRONG.length]);
        }
        // XChart has one marker size per chart; the data points are drawn with a custom smaller size
        chart.getStyler().setMarkerSize(cell);
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                s.setMarker(new SizedCircle(8));
            }
        }
        return save(png, List.of(chart));
    }

    private static String name(List<String> classes, int c) {
        return c >= 0 && c < classes.size() ? classes.get(c) : "class " + c;
    }

    private static double[] column(List<double[]> rows, int j) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[j];
        }
        return out;
    }

    private static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
    }

    private static Path save(Path png, List<XYChart> charts) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (charts.size() == 1) {
                BitmapEncoder.saveBitmap(charts.get(0), png.toString(), BitmapEncoder.BitmapFormat.PNG);
            } else {
                BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
            }
            // XChart appends ".png" when the name lacks it
            return png.toString().endsWith(".png") ? png : Path.of(png + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + png + ": " + OutputPaths.reason(e), e);
        }
    }

    /** A circle marker of a fixed pixel size, independent of the chart's marker size. */
    private static final class SizedCircle extends org.knowm.xchart.style.markers.Marker {
        private final int size;

        SizedCircle(int size) {
            this.size = size;
        }

        @Override
        public void paint(java.awt.Graphics2D g, double x, double y, int markerSize) {
            g.setStroke(new java.awt.BasicStroke(1f));
            java.awt.geom.Ellipse2D.Double circle = new java.awt.geom.Ellipse2D.Double(x - size / 2.0, y - size / 2.0, size, size);
            g.fill(circle);
            g.setColor(Color.WHITE);
            g.draw(circle);
        }
    }
}
