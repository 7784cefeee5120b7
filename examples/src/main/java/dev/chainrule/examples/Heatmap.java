package dev.chainrule.examples;

import dev.chainrule.nn.monitor.LayerRecord;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Per-layer gradient norms over training as heatmaps (layers × steps, colour = log10 of the
 * norm), one panel per run, on one shared colour scale so the panels compare.
 */
final class Heatmap {
    private static final int CELL_H = 18;
    private static final int PLOT_W = 640;
    private static final int LEFT = 110;
    private static final int BAR_W = 90;

    private Heatmap() {
    }

    /** One panel: a title, the layer names (input first) and the records of a monitor. */
    record Panel(String title, List<String> layers, List<LayerRecord> records) {
    }

    static Path write(Path png, List<Panel> panels) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (LayerRecord r : p.records()) {
                double v = Math.log10(r.gradNorm());
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            lo = -1;
            hi = lo + 1;
        }
        int panelH = 0;
        for (Panel p : panels) {
            panelH += 34 + p.layers().size() * CELL_H + 10;
        }
        int width = LEFT + PLOT_W + BAR_W;
        int height = 40 + panelH + 24;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("gradient norm per layer (log10 colour scale; magenta: 0 or not finite), input layer on top", LEFT, 24);
        int y = 40;
        for (Panel p : panels) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(Color.BLACK);
            g.drawString(p.title(), LEFT, y + 20);
            y += 28;
            int layers = p.layers().size();
            int steps = layers == 0 ? 0 : p.records().size() / layers;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int k = 0; k < layers; k++) {
                g.setColor(Color.BLACK);
                g.drawString(p.layers().get(k), 8, y + k * CELL_H + 13);
                for (int s = 0; s < steps; s++) {
                    int x0 = LEFT + (int) ((long) s * PLOT_W / steps);
                    int x1 = LEFT + (int) ((long) (s + 1) * PLOT_W / steps);
                    double v = Math.log10(p.records().get(s * layers + k).gradNorm());
                    g.setColor(Double.isFinite(v) ? colour((v - lo) / (hi - lo)) : Color.MAGENTA);
                    g.fillRect(x0, y + k * CELL_H, Math.max(1, x1 - x0), CELL_H - 1);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString("step 0", LEFT, y + layers * CELL_H + 12);
            String end = "step " + steps;
            g.drawString(end, LEFT + PLOT_W - g.getFontMetrics().stringWidth(end), y + layers * CELL_H + 12);
            y += layers * CELL_H + 16;
        }
        // colour bar
        int bx = LEFT + PLOT_W + 20;
        int by = 50;
        int bh = Math.max(100, height - by - 40);
        for (int i = 0; i < bh; i++) {
            g.setColor(colour(1 - (double) i / bh));
            g.fillRect(bx, by + i, 16, 1);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "1e%.1f", hi), bx + 20, by + 10);
        g.drawString(String.format(Locale.ROOT, "1e%.1f", (lo + hi) / 2), bx + 20, by + bh / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "1e%.1f", lo), bx + 20, by + bh);
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }

    /** A dark-blue → teal → yellow ramp (viridis-like) for t in [0, 1]. */
    private static Color colour(double t) {
        t = Math.max(0, Math.min(1, t));
        float[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double x = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        double f = x - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }
}
