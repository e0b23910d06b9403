package io.github.itopdata.core.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PhpDateFormatTest {

    private static final LocalDateTime EXAMPLE = LocalDateTime.of(2022, 10, 23, 16, 25, 33);

    @Test
    void parsesDayMonthYear() {
        assertThat(PhpDateFormat.of("d/m/Y").parse("05/03/2024")).contains(LocalDateTime.of(2024, 3, 5, 0, 0));
    }

    @Test
    void rejectsImpossibleDate() {
        assertThat(PhpDateFormat.of("d/m/Y").parse("31/02/2024")).isEmpty();
    }

    @Test
    void rejectsOtherLayout() {
        assertThat(PhpDateFormat.of("d/m/Y").parse("2024-03-05")).isEmpty();
    }

    @Test
    void twelveHourClock() {
        assertThat(PhpDateFormat.of("n/j/y g:i A").parse("3/5/24 2:07 PM"))
                .contains(LocalDateTime.of(2024, 3, 5, 14, 7));
    }

    @Test
    void rendersExample() {
        assertThat(PhpDateFormat.of("d/m/Y H:i").render(EXAMPLE)).isEqualTo("23/10/2022 16:25");
        assertThat(PhpDateFormat.of("d/m/Y").render(EXAMPLE)).isEqualTo("23/10/2022");
    }

    @Test
    void datePartOfDateTimeFormat() {
        assertThat(PhpDateFormat.datePart("d/m/Y H:i")).isEqualTo("d/m/Y");
        assertThat(PhpDateFormat.datePart("Y-m-d H:i:s")).isEqualTo("Y-m-d");
    }

    @Test
    void internalDateAcceptsSingleDigits() {
        assertThat(PhpDateFormat.internalDate().parse("2024-3-5")).contains(LocalDateTime.of(2024, 3, 5, 0, 0));
        assertThat(PhpDateFormat.internalDate().parse("20240305")).isEmpty();
    }

    @Test
    void escapedLetterIsLiteral() {
        assertThat(PhpDateFormat.of("Y\\d").parse("2024d")).isPresent();
    }
}
