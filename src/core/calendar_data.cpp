// The State Council General Office's yearly notices on public-holiday arrangements
// (国务院办公厅关于某年部分节假日安排的通知), transcribed as printed: each rest range of the
// notice, of which only the weekdays become overrides, and each weekend day it declares worked.
#include "core/workcal.hpp"

#include <algorithm>

namespace zp::workcal {

namespace {

using namespace std::chrono;

class Builder {
 public:
  // "某月某日至某日放假(调休)": weekend days inside the range are rest days anyway.
  void rest(year_month_day from, year_month_day to) {
    for (sys_days d{from}; d <= sys_days{to}; d += days{1})
      if (weekday{d}.iso_encoding() <= 5) out_.push_back({year_month_day{d}, false});
  }
  void rest(year_month_day day) { rest(day, day); }
  // "某月某日(星期六/日)上班".
  void work(year_month_day day) { out_.push_back({day, true}); }

  std::vector<DayOverride> done() {
    std::stable_sort(out_.begin(), out_.end(), [](const DayOverride& a, const DayOverride& b) { return a.date < b.date; });
    return std::move(out_);
  }

 private:
  std::vector<DayOverride> out_;
};

std::vector<DayOverride> build() {
  Builder b;

  // 2017 — 国办发明电〔2016〕17号, 2016-12-01.
  b.rest(2017y / 1 / 1, 2017y / 1 / 2);  // 元旦, 2 Jan in lieu
  b.rest(2017y / 1 / 27, 2017y / 2 / 2);  // 春节
  b.work(2017y / 1 / 22);
  b.work(2017y / 2 / 4);
  b.rest(2017y / 4 / 2, 2017y / 4 / 4);  // 清明节
  b.work(2017y / 4 / 1);
  b.rest(2017y / 5 / 1);  // 劳动节
  b.rest(2017y / 5 / 28, 2017y / 5 / 30);  // 端午节
  b.work(2017y / 5 / 27);
  b.rest(2017y / 10 / 1, 2017y / 10 / 8);  // 中秋节、国庆节
  b.work(2017y / 9 / 30);

  // 2018 — 国办发明电〔2017〕12号, 2017-11-30.
  b.rest(2018y / 1 / 1);  // 元旦
  b.rest(2018y / 2 / 15, 2018y / 2 / 21);  // 春节
  b.work(2018y / 2 / 11);
  b.work(2018y / 2 / 24);
  b.rest(2018y / 4 / 5, 2018y / 4 / 7);  // 清明节
  b.work(2018y / 4 / 8);
  b.rest(2018y / 4 / 29, 2018y / 5 / 1);  // 劳动节
  b.work(2018y / 4 / 28);
  b.rest(2018y / 6 / 18);  // 端午节
  b.rest(2018y / 9 / 24);  // 中秋节
  b.rest(2018y / 10 / 1, 2018y / 10 / 7);  // 国庆节
  b.work(2018y / 9 / 29);
  b.work(2018y / 9 / 30);

  // 2019 — 国办发明电〔2018〕15号, 2018-12-04; 劳动节 replaced by 国办发明电〔2019〕3号, 2019-03-22.
  b.rest(2018y / 12 / 30, 2019y / 1 / 1);  // 元旦
  b.work(2018y / 12 / 29);
  b.rest(2019y / 2 / 4, 2019y / 2 / 10);  // 春节
  b.work(2019y / 2 / 2);
  b.work(2019y / 2 / 3);
  b.rest(2019y / 4 / 5);  // 清明节
  b.rest(2019y / 5 / 1, 2019y / 5 / 4);  // 劳动节 (as adjusted)
  b.work(2019y / 4 / 28);
  b.work(2019y / 5 / 5);
  b.rest(2019y / 6 / 7);  // 端午节
  b.rest(2019y / 9 / 13);  // 中秋节
  b.rest(2019y / 10 / 1, 2019y / 10 / 7);  // 国庆节
  b.work(2019y / 9 / 29);
  b.work(2019y / 10 / 12);

  // 2020 — 国办发明电〔2019〕16号, 2019-11-21; 春节 extended to 2 Feb by 国办发明电〔2020〕1号,
  // 2020-01-27, which also turned the worked Saturday 1 Feb into a rest day.
  b.rest(2020y / 1 / 1);  // 元旦
  b.rest(2020y / 1 / 24, 2020y / 2 / 2);  // 春节 (as extended)
  b.work(2020y / 1 / 19);
  b.rest(2020y / 4 / 4, 2020y / 4 / 6);  // 清明节
  b.rest(2020y / 5 / 1, 2020y / 5 / 5);  // 劳动节
  b.work(2020y / 4 / 26);
  b.work(2020y / 5 / 9);
  b.rest(2020y / 6 / 25, 2020y / 6 / 27);  // 端午节
  b.work(2020y / 6 / 28);
  b.rest(2020y / 10 / 1, 2020y / 10 / 8);  // 国庆节、中秋节
  b.work(2020y / 9 / 27);
  b.work(2020y / 10 / 10);

  // 2021 — 国办发明电〔2020〕27号, 2020-11-25.
  b.rest(2021y / 1 / 1, 2021y / 1 / 3);  // 元旦
  b.rest(2021y / 2 / 11, 2021y / 2 / 17);  // 春节
  b.work(2021y / 2 / 7);
  b.work(2021y / 2 / 20);
  b.rest(2021y / 4 / 3, 2021y / 4 / 5);  // 清明节
  b.rest(2021y / 5 / 1, 2021y / 5 / 5);  // 劳动节
  b.work(2021y / 4 / 25);
  b.work(2021y / 5 / 8);
  b.rest(2021y / 6 / 12, 2021y / 6 / 14);  // 端午节
  b.rest(2021y / 9 / 19, 2021y / 9 / 21);  // 中秋节
  b.work(2021y / 9 / 18);
  b.rest(2021y / 10 / 1, 2021y / 10 / 7);  // 国庆节
  b.work(2021y / 9 / 26);
  b.work(2021y / 10 / 9);

  // 2022 — 国办发明电〔2021〕11号, 2021-10-25.
  b.rest(2022y / 1 / 1, 2022y / 1 / 3);  // 元旦
  b.rest(2022y / 1 / 31, 2022y / 2 / 6);  // 春节
  b.work(2022y / 1 / 29);
  b.work(2022y / 1 / 30);
  b.rest(2022y / 4 / 3, 2022y / 4 / 5);  // 清明节
  b.work(2022y / 4 / 2);
  b.rest(2022y / 4 / 30, 2022y / 5 / 4);  // 劳动节
  b.work(2022y / 4 / 24);
  b.work(2022y / 5 / 7);
  b.rest(2022y / 6 / 3, 2022y / 6 / 5);  // 端午节
  b.rest(2022y / 9 / 10, 2022y / 9 / 12);  // 中秋节
  b.rest(2022y / 10 / 1, 2022y / 10 / 7);  // 国庆节
  b.work(2022y / 10 / 8);
  b.work(2022y / 10 / 9);

  // 2023 — 国办发明电〔2022〕16号, 2022-12-08.
  b.rest(2022y / 12 / 31, 2023y / 1 / 2);  // 元旦
  b.rest(2023y / 1 / 21, 2023y / 1 / 27);  // 春节
  b.work(2023y / 1 / 28);
  b.work(2023y / 1 / 29);
  b.rest(2023y / 4 / 5);  // 清明节
  b.rest(2023y / 4 / 29, 2023y / 5 / 3);  // 劳动节
  b.work(2023y / 4 / 23);
  b.work(2023y / 5 / 6);
  b.rest(2023y / 6 / 22, 2023y / 6 / 24);  // 端午节
  b.work(2023y / 6 / 25);
  b.rest(2023y / 9 / 29, 2023y / 10 / 6);  // 中秋节、国庆节
  b.work(2023y / 10 / 7);
  b.work(2023y / 10 / 8);

  // 2024 — 国办发明电〔2023〕7号, 2023-10-25. New Year's Eve (9 Feb) was only recommended as
  // leave, not declared a rest day.
  b.rest(2024y / 1 / 1);  // 元旦
  b.rest(2024y / 2 / 10, 2024y / 2 / 17);  // 春节
  b.work(2024y / 2 / 4);
  b.work(2024y / 2 / 18);
  b.rest(2024y / 4 / 4, 2024y / 4 / 6);  // 清明节
  b.work(2024y / 4 / 7);
  b.rest(2024y / 5 / 1, 2024y / 5 / 5);  // 劳动节
  b.work(2024y / 4 / 28);
  b.work(2024y / 5 / 11);
  b.rest(2024y / 6 / 10);  // 端午节
  b.rest(2024y / 9 / 15, 2024y / 9 / 17);  // 中秋节
  b.work(2024y / 9 / 14);
  b.rest(2024y / 10 / 1, 2024y / 10 / 7);  // 国庆节
  b.work(2024y / 9 / 29);
  b.work(2024y / 10 / 12);

  // 2025 — 国办发明电〔2024〕12号, 2024-11-12 (first year under the 2024 revision of
  // 全国年节及纪念日放假办法: 春节 and 劳动节 one day longer).
  b.rest(2025y / 1 / 1);  // 元旦
  b.rest(2025y / 1 / 28, 2025y / 2 / 4);  // 春节
  b.work(2025y / 1 / 26);
  b.work(2025y / 2 / 8);
  b.rest(2025y / 4 / 4, 2025y / 4 / 6);  // 清明节
  b.rest(2025y / 5 / 1, 2025y / 5 / 5);  // 劳动节
  b.work(2025y / 4 / 27);
  b.rest(2025y / 5 / 31, 2025y / 6 / 2);  // 端午节
  b.rest(2025y / 10 / 1, 2025y / 10 / 8);  // 国庆节、中秋节
  b.work(2025y / 9 / 28);
  b.work(2025y / 10 / 11);

  // 2026 — 国办发明电〔2025〕7号, 2025-11-04.
  b.rest(2026y / 1 / 1, 2026y / 1 / 3);  // 元旦
  b.work(2026y / 1 / 4);
  b.rest(2026y / 2 / 15, 2026y / 2 / 23);  // 春节
  b.work(2026y / 2 / 14);
  b.work(2026y / 2 / 28);
  b.rest(2026y / 4 / 4, 2026y / 4 / 6);  // 清明节
  b.rest(2026y / 5 / 1, 2026y / 5 / 5);  // 劳动节
  b.work(2026y / 5 / 9);
  b.rest(2026y / 6 / 19, 2026y / 6 / 21);  // 端午节
  b.rest(2026y / 9 / 25, 2026y / 9 / 27);  // 中秋节
  b.rest(2026y / 10 / 1, 2026y / 10 / 7);  // 国庆节
  b.work(2026y / 9 / 20);
  b.work(2026y / 10 / 10);

  // 2027 — PROVISIONAL: no notice yet. Only the statutory days of 全国年节及纪念日放假办法
  // (2024 revision) on their own dates, without swapped or make-up days; replace with the
  // notice when it is published.
  b.rest(2027y / 1 / 1);  // 元旦
  b.rest(2027y / 2 / 5, 2027y / 2 / 8);  // 春节: 除夕 to 正月初三 (初一 = 6 Feb)
  b.rest(2027y / 4 / 5);  // 清明节 (solar term)
  b.rest(2027y / 5 / 1, 2027y / 5 / 2);  // 劳动节
  b.rest(2027y / 6 / 9);  // 端午节 (五月初五)
  b.rest(2027y / 9 / 15);  // 中秋节 (八月十五)
  b.rest(2027y / 10 / 1, 2027y / 10 / 3);  // 国庆节

  return b.done();
}

}  // namespace

const std::vector<DayOverride>& shipped_overrides() {
  static const std::vector<DayOverride> table = build();
  return table;
}

bool year_is_provisional(int year) {
  constexpr int first_year_without_notice = 2027;
  return year < first_shipped_year || year >= first_year_without_notice;
}

}  // namespace zp::workcal
