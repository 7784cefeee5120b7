package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG writers produce real images with the colours they promise. */
class PlotsTest {
    @Test
    void curvesWriteOnePanelPerEntry(@TempDir Path dir) throws Exception {
        Path png = Plots.curves(dir.resolve("c.png"), "epoch",
                Map.of("loss", List.of(new Plots.Curve("train", new double[] {1, 0.5, 0.3}))),
                Map.of("loss", "cross-entropy"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable image: " + png);
        assertEquals(560, img.getWidth());
    }

    @Test
    void decisionBoundaryPaintsBothRegions(@TempDir Path dir) throws Exception {
        double[][] pts = {{-1, -1}, {1, 1}, {-1, 1}, {1, -1}};
        int[] labels = {0, 1, 0, 1};
        Path png = Plots.decisionBoundary(dir.resolve("b.png"), "sign of x", pts, labels, List.of("neg", "pos"),
                p -> p[0] > 0 ? 1 : 0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        // the pale blue of class 0 on the left half, the pale red of class 1 on the right
        int y = img.getHeight() / 2;
        assertTrue(hasColour(img, 0, img.getWidth() / 2, y, 0xc6dbef), "no class-0 region on the left");
        assertTrue(hasColour(img, img.getWidth() / 2, img.getWidth(), y, 0xf4c7c3), "no class-1 region on the right");
    }

    private static boolean hasColour(BufferedImage img, int x0, int x1, int y, int rgb) {
        for (int x = x0; x < x1; x++) {
            if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                return true;
            }
        }
        return false;
    }
}
