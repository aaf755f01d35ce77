package io.mooring.simulator.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as plain SVG. No charting library is available offline here (XChart is not in the local
 * Maven repository, gnuplot is not installed), and the benchmark's charts are a few lines against fleet size, which
 * plain SVG draws exactly and any browser shows.
 */
final class SvgPlot {

    /** One line: its points, and whether it is drawn dashed (a target or a baseline rather than a measurement). */
    record Series(String name, List<double[]> points, boolean dashed) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
            "#e377c2", "#7f7f7f"};
    static final int WIDTH = 560;
    static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    SvgPlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    SvgPlot add(String name, List<double[]> points, boolean dashed) {
        List<double[]> drawable = points.stream().filter(p -> !logY || p[1] > 0).toList();
        if (!drawable.isEmpty()) {
            series.add(new Series(name, drawable, dashed));
        }
        return this;
    }

    List<Series> series() {
        return series;
    }

    /** The chart as an SVG group, its top left corner at (x, y) of the enclosing document. */
    String render(int x, int y) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yMin = Math.min(yMin, p[1]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        StringBuilder svg = new StringBuilder().append(fmt("<g transform=\"translate(%d,%d)\" font-family=\"sans-serif\""
                + " font-size=\"11\">\n", x, y));
        svg.append(fmt("<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", LEFT, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                LEFT, TOP, plotW, plotH));
        if (series.isEmpty()) {
            return svg.append(fmt("<text x=\"%d\" y=\"%d\">no data</text>\n</g>\n", LEFT + 10, TOP + 20)).toString();
        }
        if (xMax == xMin) {
            xMin -= 1;
            xMax += 1;
        }
        double lo = logY ? Math.floor(Math.log10(yMin)) : 0;
        double step = logY ? 1 : niceStep(yMax / 5);
        double hi = logY ? Math.ceil(Math.log10(yMax)) : Math.ceil(yMax * 1.05 / step) * step;
        if (hi <= lo) {
            hi = lo + 1;
        }
        Axis axis = new Axis(xMin, xMax, lo, hi, plotW, plotH, logY);
        // Y ticks: each power of ten on a log axis, five steps on a linear one.
        List<Double> ticks = new ArrayList<>();
        if (logY) {
            for (double e = lo; e <= hi; e++) {
                ticks.add(Math.pow(10, e));
            }
        } else {
            for (double t = 0; t <= hi + step / 2; t += step) {
                ticks.add(t);
            }
        }
        for (double t : ticks) {
            double py = axis.y(t);
            svg.append(fmt("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, LEFT + plotW, py, py,
                    LEFT - 4, py + 4, number(t)));
        }
        for (double[] p : series.get(0).points()) {
            double px = axis.x(p[0]);
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, TOP + plotH + 15,
                    number(p[0])));
        }
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", LEFT + plotW / 2,
                HEIGHT - 12, escape(xLabel)));
        svg.append(fmt("<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
                TOP + plotH / 2, escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : s.points()) {
                points.append(fmt("%.1f,%.1f ", axis.x(p[0]), axis.y(p[1])));
            }
            svg.append(fmt("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>\n", colour,
                    s.dashed() ? " stroke-dasharray=\"6,4\"" : "", points.toString().trim()));
            for (double[] p : s.points()) {
                svg.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", axis.x(p[0]),
                        axis.y(p[1]), colour));
            }
            int ly = TOP + 10 + i * 16;
            svg.append(fmt("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", WIDTH - RIGHT + 10, WIDTH - RIGHT + 30, ly, ly, colour,
                    s.dashed() ? " stroke-dasharray=\"6,4\"" : "", WIDTH - RIGHT + 34, ly + 4, escape(s.name())));
        }
        return svg.append("</g>\n").toString();
    }

    /** Several charts side by side in one SVG document. */
    static String document(List<SvgPlot> plots) {
        StringBuilder svg = new StringBuilder(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">\n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", WIDTH * plots.size(), HEIGHT));
        for (int i = 0; i < plots.size(); i++) {
            svg.append(plots.get(i).render(i * WIDTH, 0));
        }
        return svg.append("</svg>\n").toString();
    }

    private record Axis(double xMin, double xMax, double lo, double hi, int w, int h, boolean logY) {
        double x(double value) {
            return LEFT + (value - xMin) / (xMax - xMin) * w;
        }

        double y(double value) {
            double v = logY ? Math.log10(value) : value;
            return TOP + h - (v - lo) / (hi - lo) * h;
        }
    }

    /** The 1, 2 or 5 times a power of ten nearest above {@code rough}: ticks a reader can add up. */
    static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String number(double v) {
        if (v >= 1000 && v % 1000 == 0) {
            return fmt("%.0fk", v / 1000);
        }
        if (v >= 1000) {
            return fmt("%.1fk", v / 1000);
        }
        return v >= 10 || v == Math.rint(v) ? fmt("%.0f", v) : fmt("%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
