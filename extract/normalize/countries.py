"""Country names, as Taiwan's government writes them, to ISO 3166-1 codes.

The names and codes come from pycountry (the ISO 3166-1 tables with their
Traditional Chinese translations). Taiwan's usage differs from those
translations for a number of countries (印尼, 韓國, 澳洲, 史瓦濟蘭, 聖文森 ...), so a
small alias table adds the names the government actually writes. Matching is
longest-first, so `聖克里斯多福及尼維斯` is one country, not two.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

# Names used by Taiwan's government (MOFA and the agency's reports) that the
# ISO translation tables spell otherwise, and short forms in common use.
TAIWAN_USAGE: dict[str, str] = {
    "印尼": "ID", "印尼共和國": "ID",
    "韓國": "KR", "南韓": "KR", "大韓民國": "KR",
    "北韓": "KP",
    "澳洲": "AU",
    "紐西蘭": "NZ",
    "史瓦濟蘭": "SZ", "史瓦帝尼": "SZ", "史瓦帝尼王國": "SZ",
    "聖文森": "VC", "聖文森國": "VC", "聖文森及格瑞那丁": "VC", "聖文森及格瑞納丁": "VC",
    "馬紹爾": "MH", "馬紹爾共和國": "MH", "馬紹爾群島共和國": "MH",
    "帛琉": "PW", "帛琉共和國": "PW",
    "聖克里斯多福": "KN", "聖克里斯多福及尼維斯": "KN", "克里斯多福及尼維斯": "KN",
    "聖露西亞": "LC",
    "吐瓦魯": "TV",
    "吉里巴斯": "KI",
    "索羅門群島": "SB", "索羅門": "SB",
    "諾魯": "NR", "諾魯共和國": "NR",
    "甘比亞": "GM",
    "宏都拉斯": "HN",
    "瓜地馬拉": "GT",
    "貝里斯": "BZ",
    "薩爾瓦多": "SV",
    "巴拿馬": "PA",
    "巴拉圭": "PY",
    "海地": "HT",
    "尼加拉瓜": "NI",
    "多明尼加": "DO",
    "蒙古": "MN", "蒙古國": "MN",
    "越南": "VN",
    "泰國": "TH",
    "菲律賓": "PH",
    "馬來西亞": "MY",
    "新加坡": "SG",
    "緬甸": "MM",
    "柬埔寨": "KH",
    "寮國": "LA",
    "汶萊": "BN",
    "印度": "IN",
    "日本": "JP",
    "美國": "US",
    "加拿大": "CA",
    "英國": "GB",
    "德國": "DE",
    "法國": "FR",
    "荷蘭": "NL",
    "比利時": "BE",
    "以色列": "IL",
    "亞美尼亞": "AM",
    "喬治亞": "GE", "喬治亞共和國": "GE",
    "俄羅斯": "RU",
    "土耳其": "TR",
    "沙烏地阿拉伯": "SA",
    "阿拉伯聯合大公國": "AE", "阿聯": "AE",
    "南非": "ZA",
    "奈及利亞": "NG",
    "肯亞": "KE",
    "斯里蘭卡": "LK",
    "孟加拉": "BD",
    "尼泊爾": "NP",
    "巴基斯坦": "PK",
    "中國大陸": "CN", "大陸地區": "CN", "中國": "CN",
    "香港": "HK",
    "澳門": "MO",
    "義大利": "IT",
    "西班牙": "ES",
    "葡萄牙": "PT",
    "波蘭": "PL",
    "捷克": "CZ",
    "瑞典": "SE",
    "瑞士": "CH",
    "挪威": "NO",
    "芬蘭": "FI",
    "丹麥": "DK",
    "奧地利": "AT",
    "愛爾蘭": "IE",
    "立陶宛": "LT",
    "斯洛伐克": "SK",
    "烏克蘭": "UA",
    "巴西": "BR",
    "阿根廷": "AR",
    "智利": "CL",
    "秘魯": "PE",
    "墨西哥": "MX",
    "哥倫比亞": "CO",
    "厄瓜多": "EC",
    "斐濟": "FJ",
    "東加": "TO",
    "巴布亞紐幾內亞": "PG",
    "埃及": "EG",
    "約旦": "JO",
}

# Names that are words in their own right or parts of other names; matched only
# with the guards below.
_NOT_FOLLOWED_BY = {"印度": "洋尼", "中國": "時信", "美國": "元", "日本": "語"}
# Too short or too common to be found in running text without context.
_SKIP = {"查德", "多哥", "馬利", "阿曼", "尼日", "加彭", "古巴", "蘇丹", "中非", "關島", "賴索托"}


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    iso2: str
    surface: str


@lru_cache(maxsize=1)
def _translations() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_TW"])
    except OSError:  # pragma: no cover - pycountry always ships zh_TW
        return gettext.NullTranslations()


def _variants(name: str) -> set[str]:
    out = {name}
    for suffix in ("共和國", "王國", "聯邦", "國"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            out.add(name[: -len(suffix)])
    return out


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Every known Chinese name -> ISO 3166-1 alpha-2 code."""
    zh = _translations()
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (zh.gettext(country.name), zh.gettext(getattr(country, "common_name", country.name))):
            if re.search(r"[\u4e00-\u9fff]", name):
                for variant in _variants(name):
                    names.setdefault(variant, country.alpha_2)
    names.update(TAIWAN_USAGE)
    for bad in _SKIP:
        names.pop(bad, None)
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(gazetteer(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def find_countries(text: str) -> list[CountryMention]:
    """Every country named in ``text``, longest name first at each position."""
    names = gazetteer()
    out = []
    for m in _pattern().finditer(text):
        surface = m.group(0)
        guard = _NOT_FOLLOWED_BY.get(surface)
        if guard and m.end() < len(text) and text[m.end()] in guard:
            continue
        out.append(CountryMention(m.start(), m.end(), names[surface], surface))
    return out


def iso2_for(name: str) -> str | None:
    """The ISO code of one country name (`帛琉共和國` -> `PW`), or None."""
    name = re.sub(r"\s+", "", name)
    return gazetteer().get(name)


def country_label(iso2: str, lang: str = "zh") -> str:
    """The usual name of a country: Taiwan's usage in Chinese, ISO's in English."""
    country = pycountry.countries.get(alpha_2=iso2)
    if lang == "en":
        return getattr(country, "common_name", None) or country.name if country else iso2
    preferred = _PREFERRED_ZH.get(iso2)
    if preferred:
        return preferred
    return _translations().gettext(country.name) if country else iso2


# Short names Taiwan uses for display where the ISO translation is formal or dated.
_PREFERRED_ZH = {
    "ID": "印尼", "KR": "韓國", "AU": "澳洲", "VC": "聖文森", "SZ": "史瓦帝尼",
    "MH": "馬紹爾群島", "CN": "中國大陸", "US": "美國", "GB": "英國",
}
