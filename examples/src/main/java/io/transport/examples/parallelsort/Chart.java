package io.transport.examples.parallelsort;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The timings of one run as a bar chart in a PNG file (XChart, headless). */
final class Chart {
  private Chart() {}

  /**
   * Writes the chart.
   *
   * @param file the PNG file, written as named
   * @param title the chart's title
   * @param rows the measured variants
   * @throws IOException if the file cannot be written
   */
  static void write(Path file, String title, List<Comparison.Row> rows) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> names = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    for (Comparison.Row row : rows) {
      names.add(row.variant().label());
      seconds.add(row.nanos() / 1e9);
    }
    CategoryChart chart = new CategoryChartBuilder()
        .width(800)
        .height(450)
        .title(title)
        .xAxisTitle("variant")
        .yAxisTitle("seconds (lower is better)")
        .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("0.00");
    chart.getStyler().setXAxisLabelRotation(0);
    chart.addSeries("time", names, seconds);
    // Through a stream: given a name, XChart would append ".png" to one that lacks it.
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
    }
  }
}
