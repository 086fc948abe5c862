package dev.erg.bench.placement;

import java.util.List;
import java.util.Locale;

/** A line chart as SVG text, one line per series over a shared x axis; no library needed to read it. */
final class SvgPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 290;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final List<String> COLOURS =
            List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f");

    /** One line: its name and its y values, one for each x. */
    record Series(String name, List<Double> ys) {
    }

    private SvgPlot() {
    }

    /**
     * The chart of {@code series} over {@code xs}, titled {@code title}, with y clipped to
     * [{@code yMin}, {@code yMax}] so that a start-up spike does not flatten the rest.
     */
    static String render(String title, String xLabel, String yLabel, List<Double> xs, List<Series> series,
            double yMin, double yMax) {
        double xMax = xs.getLast();
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(f("<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        for (int i = 0; i <= 5; i++) {
            double y = yMin + (yMax - yMin) * i / 5;
            double py = TOP + plotH - plotH * (y - yMin) / (yMax - yMin);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, py, LEFT + plotW, py));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT - 6, py + 4, y));
        }
        int xStep = xMax > 60 ? 15 : 5;
        for (int x = 0; x <= xMax; x += xStep) {
            double px = LEFT + plotW * x / xMax;
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, TOP, px, TOP + plotH));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", px, TOP + plotH + 16, x));
        }
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP, plotW, plotH));
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotW / 2, HEIGHT - 12, escape(xLabel)));
        svg.append(f("<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n", TOP + plotH / 2, escape(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS.get(s % COLOURS.size());
            StringBuilder points = new StringBuilder();
            List<Double> ys = series.get(s).ys();
            for (int i = 0; i < xs.size(); i++) {
                double y = Math.clamp(ys.get(i), yMin, yMax);
                points.append(f("%.1f,%.1f ", LEFT + plotW * xs.get(i) / xMax, TOP + plotH - plotH * (y - yMin) / (yMax - yMin)));
            }
            svg.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", colour, points.toString().strip()));
            int ly = TOP + 10 + 20 * s;
            svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n", LEFT + plotW + 15, ly, LEFT + plotW + 35, ly, colour));
            svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 40, ly + 4, escape(series.get(s).name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
