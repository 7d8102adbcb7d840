"""Numbers and dates as Chinese documents write them → plain values."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"


def chinese_to_int(text: str) -> int:
    """'三' → 3, '十一' → 11, '二十五' → 25, '千' → 1000, '一万二千' → 12000."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in ("万", "亿"):
            section = (section + (digit or 0)) or 1
            total += section * UNITS[ch]
            section, digit = 0, None
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def to_decimal(number: str, magnitude: str = "") -> Decimal:
    """'1.6' + '万' → 16000; '1,000' → 1000; '近千' style numerals via chinese_to_int."""
    if re.fullmatch(r"[\d,.]+", number):
        value = Decimal(number.replace(",", ""))
    else:
        value = Decimal(chinese_to_int(number))
    return value * UNITS.get(magnitude, 1) if magnitude else value


def fraction_to_percent(numerator: str, denominator: str) -> Decimal:
    """'1', '2' → 50; '一', '三' (三分之一) → 33.33: a fraction as a percentage, to two places."""
    top, bottom = to_decimal(numerator), to_decimal(denominator)
    return (top * 100 / bottom).quantize(Decimal("0.01"))


TITLE_MARKS = set('《》“”"「」')


def normal_name(text: str) -> str:
    """A name as the text means it, for comparing: NFKC, no white space, no title marks."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch not in TITLE_MARKS)


def plain(value: Decimal) -> str:
    """Decimal without exponent, as Turtle writes decimals: 16000.0, 2444.1."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


RELATIVE_YEAR = {"前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0, "当年": 0, "明年": 1}
MONTH = re.compile(r"(前年|去年|上年|今年|本年|当年|明年|(?:19|20)\d{2}年)\s*([一二三四五六七八九十]{1,2}|\d{1,2})月(?:份)?")


def month_of(text: str, reference: str | None) -> str | None:
    """'去年5月份' with reference date 2025-05-22 → '2024-05'; '2023年4月' → '2023-04'."""
    m = MONTH.search(text)
    if not m:
        return None
    year_word, month_word = m.groups()
    if year_word in RELATIVE_YEAR:
        if not reference:
            return None
        year = int(reference[:4]) + RELATIVE_YEAR[year_word]
    else:
        year = int(year_word[:4])
    month = int(month_word) if month_word.isdigit() else chinese_to_int(month_word)
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
