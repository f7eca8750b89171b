package io.captionrelay.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColourNamerTest {

    @ParameterizedTest(name = "({0},{1},{2}) is {3}")
    @CsvSource({
        "0,0,0,BLACK", "20,20,24,BLACK", "255,255,255,WHITE", "240,240,235,WHITE", "128,128,128,GREY", "200,190,180,GREY",
        "255,0,0,RED", "139,0,0,RED", "255,192,203,PINK", "255,0,255,PINK", "128,0,128,PURPLE", "138,43,226,PURPLE",
        "255,165,0,ORANGE", "139,69,19,BROWN", "210,180,140,BROWN", "255,255,0,YELLOW", "200,200,20,YELLOW", "128,128,0,GREEN",
        "0,128,0,GREEN", "0,255,0,GREEN", "0,128,128,TEAL", "64,224,208,TEAL", "0,0,255,BLUE", "135,206,235,BLUE",
        "70,130,220,BLUE", "0,0,90,BLUE"
    })
    void namesCommonColours(int r, int g, int b, Colour expected) {
        assertThat(ColourNamer.name(r, g, b)).isEqualTo(expected);
        assertThat(ColourNamer.name(r << 16 | g << 8 | b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "luma {0} is {1}")
    @CsvSource({"0,very dark", "39.9,very dark", "40,dark", "89,dark", "90,medium", "164,medium", "165,bright", "214,bright",
        "215,very bright", "255,very bright"})
    void brightnessWords(double luma, String word) {
        assertThat(Brightness.of(luma).word()).isEqualTo(word);
    }
}
