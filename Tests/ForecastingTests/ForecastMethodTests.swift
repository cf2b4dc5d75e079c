import Foundation
import Forecasting
import Testing

/// The forecast methods, their accuracy measures, the rolling-origin backtest and the intervals, on
/// small series written here.
struct ForecastMethodTests {
    /// Three LAs, 2019-2024, and England growing 5% a year.
    static let panel = CaseloadPanel(
        measure: "total", source: .published,
        series: [
            "801": YearSeries([2019: 100, 2020: 110, 2021: 121, 2022: 133.1, 2023: 146.41, 2024: 161.051]),
            "802": YearSeries([2019: 200, 2020: 200, 2021: 220, 2022: 250, 2023: 240, 2024: 260]),
            "803": YearSeries([2020: 50, 2021: 60, 2022: 66, 2023: 70, 2024: 80]),
        ],
        pool: YearSeries([2019: 1000, 2020: 1050, 2021: 1102.5, 2022: 1157.625, 2023: 1215.50625, 2024: 1276.2815625]))

    @Test func shrunkGrowthPullsTheLAsGrowthTowardsEnglands() throws {
        // LA 801 grows 10% a year, England 5%: a lead of log(1.10 / 1.05) a year, of which 20% is
        // kept (no requests here): 1.05 x (1.10 / 1.05)^0.2 = 1.059814... a year.
        let forecast = try #require(ForecastMethod.shrunkGrowth.forecast(Self.panel.series["801"]!, pool: Self.panel.pool,
                                                                         origin: 2022, horizon: 2))
        let growth = 1.05 * pow(1.10 / 1.05, 0.2)
        #expect(abs(growth - 1.059_814_790_9) < 1e-9)
        #expect(abs(forecast[0] - 133.1 * growth) < 1e-9)
        #expect(abs(forecast[1] - 133.1 * growth * growth) < 1e-9)
    }

    @Test func aOneOffJumpCountsAsAtMostTheCap() throws {
        // England grows 5% a year; the LA too, except a jump of 50% in 2022 (a recording change).
        let series = YearSeries([2019: 100, 2020: 105, 2021: 110.25, 2022: 165.375, 2023: 173.643_75])
        let parts = ShrunkGrowth(series, pool: Self.panel.pool, origin: 2023)
        #expect(parts.leads.count == 3)
        #expect(abs(parts.leads[1] - log(1.5 / 1.05)) < 1e-12)
        #expect(parts.cappedLeads[0].magnitude < 1e-12 && parts.cappedLeads[2].magnitude < 1e-12)
        #expect(parts.cappedLeads[1] == 0.07)
        let factor = try #require(parts.factor)
        #expect(abs(factor - 1.05 * exp(0.2 * 0.07 / 3)) < 1e-12)
        // Uncapped, the jump alone would have added about 2.5 points a year.
        #expect(abs(1.05 * exp(0.2 * log(1.5 / 1.05) / 3) - 1.05 - 0.0253) < 1e-3)
        // A fall to zero is capped the same way, downwards.
        let emptied = ShrunkGrowth(YearSeries([2021: 40, 2022: 0]), pool: Self.panel.pool, origin: 2022)
        #expect(emptied.cappedLeads == [-0.07])
        #expect(abs(try #require(emptied.factor) - 1.05 * exp(-0.014)) < 1e-12)
    }

    @Test func shrunkGrowthWithoutAPoolYearOrWithoutAPool() throws {
        // The pool stops at 2022: the LA's 2023 growth is compared with the pool's mean growth.
        let pool = YearSeries([2020: 1000, 2021: 1050, 2022: 1102.5])
        let series = YearSeries([2020: 100, 2021: 110, 2022: 121, 2023: 133.1])
        let parts = ShrunkGrowth(series, pool: pool, origin: 2023)
        #expect(parts.leads.count == 3)
        #expect(parts.leads.allSatisfy { abs($0 - log(1.10 / 1.05)) < 1e-12 })
        #expect(abs(try #require(parts.factor) - 1.05 * pow(1.10 / 1.05, 0.2)) < 1e-12)
        // No pool growth at all: the LA's own mean growth.
        let alone = ShrunkGrowth(series, pool: YearSeries([2020: 1000]), origin: 2023)
        #expect(alone.pooled == nil && alone.leads.isEmpty)
        #expect(abs(try #require(alone.factor) - 1.1) < 1e-12)
        // Neither: no forecast.
        #expect(ShrunkGrowth(YearSeries([2023: 5]), pool: YearSeries(), origin: 2023).factor == nil)
    }

    /// Requests received in each calendar year beside the caseloads of `panel`: LA 801 receives
    /// 0.45 requests in a year per plan it holds the next January, England 0.3.
    static let requests = PublishedRequests(
        byLA: ["801": YearSeries([2021: 59.895, 2022: 65.8845, 2023: 72.472_95])],
        england: YearSeries([2021: 347.2875, 2022: 364.651_875, 2023: 382.884_468_75]),
        caseload: ForecastMethodTests.panel.series, englandCaseload: ForecastMethodTests.panel.pool)

    @Test func theRequestsLeadIsRequestsPerPlanAgainstEnglands() throws {
        // At the census of 2022: 59.895 requests in 2021 over 133.1 plans = 0.45; England
        // 347.2875 / 1157.625 = 0.3; the lead is log(0.45 / 0.3) = log(1.5).
        let lead = try #require(Self.requests.lead("801", origin: 2022))
        #expect(abs(lead - log(1.5)) < 1e-12)
        let ratios = try #require(Self.requests.ratios("801", origin: 2022))
        #expect(abs(ratios.la - 0.45) < 1e-12 && abs(ratios.england - 0.3) < 1e-12)
        // Growth: England's 5% a year, 20% of the 10% lead, 8% of the requests lead.
        var panel = Self.panel
        panel.requests = Self.requests
        let forecast = try #require(panel.forecast(.shrunkGrowth, la: "801", origin: 2022, horizon: 2))
        let growth = 1.05 * pow(1.10 / 1.05, 0.2) * pow(1.5, 0.08)
        #expect(abs(forecast[0] - 133.1 * growth) < 1e-9)
        #expect(abs(forecast[1] - 133.1 * growth * growth) < 1e-9)
        // No requests for 802, and none of the year before 2020: no lead, England's ratio assumed.
        #expect(Self.requests.lead("802", origin: 2022) == nil)
        #expect(Self.requests.lead("801", origin: 2021) == nil)
        #expect(panel.forecast(.shrunkGrowth, la: "802", origin: 2022, horizon: 1)
                    == ForecastMethod.shrunkGrowth.forecast(panel.series["802"]!, pool: panel.pool, origin: 2022, horizon: 1))
        // The baselines never read requests.
        #expect(panel.forecast(.nationalGrowth, la: "801", origin: 2022, horizon: 1)
                    == ForecastMethod.nationalGrowth.forecast(panel.series["801"]!, pool: panel.pool, origin: 2022, horizon: 1))
    }

    @Test func aMiscountedRequestsYearIsCapped() throws {
        var requests = Self.requests
        requests.byLA["801"]![2022] = 1   // one request: log(1 / 146.41 / 0.3) = -3.78
        #expect(requests.lead("801", origin: 2023) == -0.5)
        requests.byLA["801"]![2022] = 0   // none: no lead at all
        #expect(requests.lead("801", origin: 2023) == nil)
    }

    @Test func requestsOfTheOriginsOwnYearAreNotKnownAtTheOrigin() throws {
        // Requests received in 2022 are published with the census of January 2023.
        let known = Self.requests.through(2022)
        #expect(known.byLA["801"]!.years == [2021])
        #expect(known.england.years == [2021])
        #expect(known.caseload["801"]!.lastYear == 2022)
        var panel = Self.panel
        panel.requests = Self.requests
        var perturbed = panel
        perturbed.requests!.byLA["801"]![2022] = 1
        perturbed.requests!.england[2022] = 1_000_000
        let before = RollingOriginBacktest(panel: panel, methods: [.shrunkGrowth]).run(origins: [2022], horizon: 1)
        let after = RollingOriginBacktest(panel: perturbed, methods: [.shrunkGrowth]).run(origins: [2022], horizon: 1)
        #expect(before.map { $0.forecasts.map(\.forecast) } == after.map { $0.forecasts.map(\.forecast) })
        #expect(before.map { $0.forecasts.map(\.interval) } == after.map { $0.forecasts.map(\.interval) })
        // At 2023 they are known, and move the forecast.
        let later = RollingOriginBacktest(panel: perturbed, methods: [.shrunkGrowth]).run(origins: [2023], horizon: 1)
        let laterUnperturbed = RollingOriginBacktest(panel: panel, methods: [.shrunkGrowth]).run(origins: [2023], horizon: 1)
        #expect(later.map { $0.forecasts.map(\.forecast) } != laterUnperturbed.map { $0.forecasts.map(\.forecast) })
    }

    @Test func theBaselinesAsDefined() throws {
        let series = Self.panel.series["802"]!, pool = Self.panel.pool
        #expect(ForecastMethod.lastValue.forecast(series, pool: pool, origin: 2023, horizon: 2) == [240, 240])
        // 240 / 250 = 0.96 a year.
        let lastGrowth = try #require(ForecastMethod.lastGrowth.forecast(series, pool: pool, origin: 2023, horizon: 1))
        #expect(abs(lastGrowth[0] - 230.4) < 1e-9)
        // Through (2021, 220), (2022, 250), (2023, 240): slope 10, line at 2024 = 236.67 + 10 + 10 = 256.67.
        let line = try #require(ForecastMethod.linearTrend3y.forecast(series, pool: pool, origin: 2023, horizon: 1))
        #expect(abs(line[0] - (236.666_666_666_666_6 + 20)) < 1e-9)
        // 2019-2023: 200 -> 240 over 4 years (only 4 growths exist).
        let mean = try #require(ForecastMethod.meanGrowth5y.forecast(series, pool: pool, origin: 2023, horizon: 1))
        #expect(abs(mean[0] - 240 * pow(1.2, 0.25)) < 1e-9)
        let national = try #require(ForecastMethod.nationalGrowth.forecast(series, pool: pool, origin: 2023, horizon: 1))
        #expect(abs(national[0] - 252) < 1e-9)
        // Nothing at the origin, or no year before it: no forecast.
        #expect(ForecastMethod.lastValue.forecast(Self.panel.series["803"]!, pool: pool, origin: 2020, horizon: 1) == nil)
    }

    @Test func theLastValueBaselinesMAPEIsTheHandComputation() throws {
        // Origin 2022, one year ahead: 801 forecast 133.1, actual 146.41 -> -9.0909...%;
        // 802: 250 vs 240 -> +4.1667%; 803: 66 vs 70 -> -5.7143%.
        // MAPE = (9.0909 + 4.1667 + 5.7143) / 3 = 6.3240%; bias = (-9.0909 + 4.1667 - 5.7143) / 3 = -3.5462%.
        let scores = RollingOriginBacktest(panel: Self.panel, methods: [.lastValue]).run(origins: [2022], horizon: 1)
        let score = try #require(scores.first)
        let errors: [Double] = [-100 * 13.31 / 146.41, 100 * 10.0 / 240, -100 * 4.0 / 70]
        let expectedMAPE: Double = errors.map(abs).reduce(0, +) / 3
        let expectedBias: Double = errors.reduce(0, +) / 3
        #expect(score.accuracy.count == 3)
        #expect(abs(score.accuracy.mape - expectedMAPE) < 1e-9)
        #expect(abs(score.accuracy.mape - 6.324) < 0.001)
        #expect(abs(score.accuracy.bias - expectedBias) < 1e-9)
        #expect(abs(score.accuracy.medianAPE - 100 * 4.0 / 70) < 1e-9)
        // WAPE: (13.31 + 10 + 4) / (146.41 + 240 + 70).
        let expectedWAPE: Double = 100 * 27.31 / 456.41
        #expect(abs(score.accuracy.wape - expectedWAPE) < 1e-9)
    }

    @Test func aBacktestNeverSeesDataAfterItsOrigin() throws {
        var perturbed = Self.panel
        for la in ["801", "802", "803"] {
            perturbed.series[la]![2024] = perturbed.series[la]![2024]! * 3
            perturbed.series[la]![2023] = perturbed.series[la]![2023]! / 2
        }
        perturbed.pool[2023] = 5
        perturbed.pool[2024] = 7
        for method in [ForecastMethod.shrunkGrowth] + ForecastMethod.baselines {
            let before = RollingOriginBacktest(panel: Self.panel, methods: [method]).run(origins: [2022], horizon: 1)
            let after = RollingOriginBacktest(panel: perturbed, methods: [method]).run(origins: [2022], horizon: 1)
            // The forecasts and their intervals are identical; only the actuals (2023) changed.
            #expect(before.map { $0.forecasts.map(\.forecast) } == after.map { $0.forecasts.map(\.forecast) }, "\(method)")
            #expect(before.map { $0.forecasts.map(\.interval) } == after.map { $0.forecasts.map(\.interval) }, "\(method)")
            #expect(before.map { $0.forecasts.map(\.actual) } != after.map { $0.forecasts.map(\.actual) })
        }
    }

    @Test func intervalsComeFromEarlierOriginsErrorsOnly() throws {
        // At origin 2022 one year ahead, the errors are those of origins 2020 and 2021.
        let errors = ErrorCalibration.logErrors(.lastValue, Self.panel, asOf: 2022, horizon: 1)
        #expect(errors.keys.sorted() == [2020, 2021])
        #expect(errors[2020]!.keys.sorted() == ["801", "802"])   // 803 starts in 2020: no year before
        #expect(abs(errors[2021]!["801"]! - log(133.1 / 121)) < 1e-12)
        let distribution = try #require(ErrorCalibration.distribution(.lastValue, Self.panel, asOf: 2022, horizon: 1))
        #expect(distribution.origins == [2020, 2021])
        #expect(distribution.residuals.count == 5)
        // Residuals are de-meaned per origin.
        let shock2021 = (log(133.1 / 121) + log(250.0 / 220) + log(66.0 / 60)) / 3
        #expect(distribution.residuals.contains { abs($0 - (log(250.0 / 220) - shock2021)) < 1e-12 })
        // Two years ahead there is one origin (2020): the one-year errors are widened by 2^0.75.
        let twoYears = try #require(ErrorCalibration.distribution(.lastValue, Self.panel, asOf: 2022, horizon: 2))
        #expect(twoYears.widenedFromOneYear)
        #expect(abs(twoYears.shockSD - distribution.shockSD * pow(2, 0.75)) < 1e-12)
    }

    @Test func anIntervalQuantileAddsTheShockToTheResiduals() {
        // No residual spread: the quantiles are the normal shock's.
        let shockOnly = ErrorDistribution(horizon: 1, residuals: [0], shockSD: 0.02, origins: [2020])
        #expect(abs(shockOnly.quantile(0.9) - 0.02 * 1.281_551_565_5) < 1e-6)
        #expect(abs(shockOnly.quantile(0.025) + 0.02 * 1.959_963_985) < 1e-6)
        // No shock: the empirical residuals' quantiles.
        let residualsOnly = ErrorDistribution(horizon: 1, residuals: [-0.1, -0.05, 0, 0.05, 0.1], shockSD: 0, origins: [2020])
        #expect(abs(residualsOnly.quantile(0.5)) < 1e-6)
        let factors = ErrorQuantiles(shockOnly)
        let interval = PredictionInterval(around: 1000, errors: factors)
        #expect(abs(interval.high80 - 1000 * exp(0.02 * 1.281_551_565_5)) < 1e-3)
        #expect(interval.low95 < interval.low80 && interval.low80 < 1000 && 1000 < interval.high80 && interval.high80 < interval.high95)
    }

    @Test func theYearShockNeverFallsBelowItsFloor() {
        // Two origins whose LAs all missed by exactly +0.5%: the shock RMS is 0.005, floored to 1.5%.
        let errors: [Int: [String: Double]] = [2020: ["801": 0.005, "802": 0.005], 2021: ["801": 0.005, "802": 0.005]]
        let distribution = ErrorCalibration.distribution(from: errors, horizon: 1, shockFloor: ErrorCalibration.minimumShockSD)
        #expect(distribution.shockSD == 0.015)
        #expect(distribution.residuals == [0, 0, 0, 0])
    }

    /// Twelve LAs (`901`-`912`) each receiving 100 requests in 2019 and then growing, LA number i
    /// (0-11) by a log growth of i x 0.01 in 2020, i x 0.02 in 2021 and i x 0.03 in 2022; England
    /// by 10% a year.
    static let spreadRequests: PublishedRequests = {
        var byLA: [String: YearSeries] = [:]
        for i in 0..<12 {
            let step = Double(i)
            byLA[String(901 + i)] = YearSeries([2019: 100, 2020: 100 * exp(step * 0.01), 2021: 100 * exp(step * 0.03),
                                                2022: 100 * exp(step * 0.06)])
        }
        return PublishedRequests(byLA: byLA, england: YearSeries([2019: 1000, 2020: 1100, 2021: 1210, 2022: 1331]),
                                 caseload: ForecastMethodTests.panel.series, englandCaseload: ForecastMethodTests.panel.pool)
    }()

    @Test func theRequestsGrowthSpreadIsTheMiddle80PercentOfTheLAsGrowth() throws {
        // At the census of 2021 the growth of 2020 is known: 0, 0.01, ..., 0.11. The 10th percentile
        // sits at position 0.1 x 11 = 1.1 of the sorted values (0.011), the 90th at 9.9 (0.099).
        #expect(abs(try #require(Self.spreadRequests.growthSpread(origin: 2021)) - 0.088) < 1e-12)
        #expect(abs(try #require(Self.spreadRequests.growthSpread(origin: 2022)) - 0.176) < 1e-12)
        #expect(abs(try #require(Self.spreadRequests.growthSpread(origin: 2023)) - 0.264) < 1e-12)
        // No growth before 2020 is known: no spread at 2020.
        #expect(Self.spreadRequests.growthSpread(origin: 2020) == nil)
        // Fewer than 10 LAs with requests in both years (here 9: three have none in 2020) give none.
        var few = Self.spreadRequests
        for la in ["901", "902", "903"] { few.byLA[la]![2020] = 0 }
        #expect(few.growthSpread(origin: 2021) == nil)
        #expect(few.growthSpread(origin: 2022) == nil)
        #expect(few.growthSpread(origin: 2023) != nil)
    }

    @Test func theResidualsAreScaledByTheRequestsGrowthSpreadAtTheOrigin() throws {
        // At 2023 the spread is 0.264; at the calibration origins 2020 (none), 2021 (0.088) and
        // 2022 (0.176) it averaged 0.132: the residuals are doubled.
        #expect(abs(ErrorCalibration.spreadScale(Self.spreadRequests, asOf: 2023, origins: [2020, 2021, 2022]) - 2) < 1e-12)
        // At 2022, against 2021 alone.
        #expect(abs(ErrorCalibration.spreadScale(Self.spreadRequests, asOf: 2022, origins: [2020, 2021]) - 2) < 1e-12)
        // No spread at any calibration origin, or none at the origin, or no requests: unscaled.
        #expect(ErrorCalibration.spreadScale(Self.spreadRequests, asOf: 2021, origins: [2020]) == 1)
        #expect(ErrorCalibration.spreadScale(Self.spreadRequests, asOf: 2020, origins: [2019]) == 1)
        #expect(ErrorCalibration.spreadScale(nil, asOf: 2023, origins: [2021, 2022]) == 1)
        // The residuals are doubled, the year shocks are not.
        var panel = Self.panel
        panel.requests = Self.spreadRequests
        let plain = try #require(ErrorCalibration.distribution(.lastValue, Self.panel, asOf: 2022, horizon: 1))
        let scaled = try #require(ErrorCalibration.distribution(.lastValue, panel, asOf: 2022, horizon: 1))
        #expect(plain.residualScale == 1)
        #expect(abs(scaled.residualScale - 2) < 1e-12)
        #expect(zip(scaled.residuals, plain.residuals).allSatisfy { abs($0 - 2 * $1) < 1e-12 })
        #expect(scaled.residuals.count == plain.residuals.count)
        #expect(scaled.shockSD == plain.shockSD)
        // Two years ahead the one-year errors are widened, their scale with them.
        let twoYears = try #require(ErrorCalibration.distribution(.lastValue, panel, asOf: 2022, horizon: 2))
        #expect(twoYears.widenedFromOneYear && abs(twoYears.residualScale - 2) < 1e-12)
        // Requests received in the origin's own year change nothing.
        var perturbed = panel
        perturbed.requests!.byLA["912"]![2022] = 1
        #expect(ErrorCalibration.distribution(.lastValue, perturbed, asOf: 2022, horizon: 1) == scaled)
        // The scaled errors are stated with the best and worst cases.
        let forecasts = try TotalForecaster(panel: panel.through(2022)).forecast(las: ["801"], horizon: 1)
        let best = try #require(forecasts.first?.assumptions[.best])
        #expect(best.hasSuffix("sustained (each LA's part of the errors scaled x2.000: how widely the LAs' requests grew in 2021, against the same at the earlier origins)"))
    }

    @Test func forecastsStartAtEachLAsLastCensusWithCasesAroundTheCentral() throws {
        let forecasts = try TotalForecaster(panel: Self.panel).forecast(horizon: 3)
        #expect(forecasts.map(\.la) == ["801", "802", "803"])
        let first = forecasts[0]
        #expect(first.origin == 2024)
        #expect(first.years == [2025, 2026, 2027])
        #expect(first.measure == "total")
        for h in 0..<3 {
            #expect(first.best[h] < first.central[h] && first.central[h] < first.worst[h])
            let interval = try #require(first.intervals[h])
            #expect(interval.low80 < first.central[h] && first.central[h] < interval.high80)
        }
        #expect(first.assumptions[.central]! == "growth +6.0% a year: that of England since 2018/19 (+5.0%) with 20% of the LA's lead over it in its last 3 years (+4.8% a year, each year's lead capped at 7% either way; the LA's own growth +10.0%), and no requests lead (no published requests in 2023 beside a published caseload in 2023/24)")
        #expect(first.assumptions[.best]!.contains("points a year below central, every year"))
    }

    @Test func badRequestsAreRefusedNamingTheField() throws {
        #expect(throws: ForecastError.horizon(0)) { try TotalForecaster(panel: Self.panel).forecast(horizon: 0) }
        #expect(throws: ForecastError.horizon(6)) { try TotalForecaster(panel: Self.panel).forecast(horizon: 6) }
        #expect(ForecastError.horizon(0).description == "--horizon: 0 is not between 1 and 5 (census years ahead)")
        var short = Self.panel
        short.series["804"] = YearSeries([2024: 30])
        #expect(throws: ForecastError.tooLittleHistory(la: "804", years: [2024], needed: 2)) {
            try TotalForecaster(panel: short).forecast(las: ["804"], horizon: 1)
        }
        #expect(ForecastError.tooLittleHistory(la: "804", years: [2024], needed: 2).description
            == "--la 804: too little history to forecast: 1 census year(s) (2023/24); at least 2 consecutive are needed")
        #expect(throws: ForecastError.noSeries(la: "999")) { try TotalForecaster(panel: Self.panel).forecast(las: ["999"], horizon: 1) }
        // Every LA: the short one is left out, with the reason.
        #expect(try TotalForecaster(panel: short).forecast(horizon: 1).map(\.la) == ["801", "802", "803"])
        #expect(TotalForecaster(panel: short).skipNote("804") == "804: 1 census year(s) (2023/24): too little history")
    }

    @Test func aSumAddsItsLAsCasesAndSimulatesItsIntervalsFromTheSeed() throws {
        let forecasts = try TotalForecaster(panel: Self.panel).forecast(horizon: 2)
        let sum = try #require(AreaSum.sum(code: "group:test", members: forecasts, simulations: 500, seed: 7))
        #expect(sum.la == "group:test")
        for h in 0..<2 {
            #expect(abs(sum.central[h] - forecasts.map { $0.central[h] }.reduce(0, +)) < 1e-9)
            #expect(abs(sum.worst[h] - forecasts.map { $0.worst[h] }.reduce(0, +)) < 1e-9)
        }
        #expect(sum.history[2024] == 161.051 + 260 + 80)
        #expect(sum.history[2019] == nil)   // 803 has no 2019
        let again = try #require(AreaSum.sum(code: "group:test", members: forecasts, simulations: 500, seed: 7))
        #expect(again.intervals == sum.intervals)
        let otherSeed = try #require(AreaSum.sum(code: "group:test", members: forecasts, simulations: 500, seed: 8))
        #expect(otherSeed.intervals != sum.intervals)
    }

    @Test func censusYearsReadAsPeriodsYearsAndEESPeriods() {
        #expect(CensusYear.label(2025) == "2024/25")
        #expect(CensusYear.year("2024/25") == 2025)
        #expect(CensusYear.year("2025") == 2025)
        #expect(CensusYear.year("202425") == 2025)
        #expect(CensusYear.year("2024/26") == nil)
        #expect(CensusYear.year("next") == nil)
    }

    @Test func thePoolOfAPanelWithoutEnglandIsItsLAsChainLinkedTotal() {
        let panel = CaseloadPanel(measure: "total", source: .returns,
                                  series: ["801": YearSeries([2023: 100, 2024: 110]), "802": YearSeries([2024: 50, 2025: 60])])
        #expect(panel.poolName == "the LAs' total")
        // 2024: only 801 has both years: x1.1; 2025: only 802: x1.2.
        #expect(panel.pool[2023] == 100)
        #expect(abs(panel.pool[2024]! - 110) < 1e-9)
        #expect(abs(panel.pool[2025]! - 132) < 1e-9)
    }
}

/// The split of an LA's total by the published setting groups.
struct SettingSplitTests {
    /// England: mainstream grows 20% a year, every other group stays level.
    static func settings(la: [Double]) -> [PublishedSettingGroup: CaseloadPanel] {
        var panels: [PublishedSettingGroup: CaseloadPanel] = [:]
        for (index, group) in PublishedSettingGroup.allCases.enumerated() {
            let england = group == .mainstream ? YearSeries([2022: 1000, 2023: 1200, 2024: 1440]) : YearSeries([2022: 500, 2023: 500, 2024: 500])
            panels[group] = CaseloadPanel(measure: group.rawValue, source: .published,
                                          series: ["801": YearSeries([2023: la[index] * 0.9, 2024: la[index]])], pool: england)
        }
        return panels
    }

    @Test func theCellsMoveAsEnglandsSharesAndAddUpToTheTotalInEveryCase() throws {
        let total = AreaForecast(la: "801", measure: "total", source: .published, method: .shrunkGrowth, origin: 2025,
                                 history: YearSeries([2024: 100, 2025: 110]), central: [121, 133.1], best: [115, 120],
                                 worst: [130, 150], intervals: [nil, nil], errors: [], assumptions: [:])
        // Settings stop at 2024, a year before the total: 2026 is two years on, 2027 three.
        let cells = try #require(SettingSplit(settings: Self.settings(la: [50, 30, 5, 10, 1, 4])).split(total))
        #expect(cells.map(\.measure) == ["mainstream", "state_special", "independent_special", "post16_fe", "ap", "other"])
        // 2026: mainstream 50 x 1.2^2 = 72, the others level: 72 + 50 = 122; 121 x 72 / 122.
        #expect(abs(cells[0].central[0] - 121 * 72 / 122) < 1e-9)
        #expect(abs(cells[1].central[0] - 121 * 30 / 122) < 1e-9)
        // 2027: 50 x 1.2^3 = 86.4.
        #expect(abs(cells[0].central[1] - 133.1 * 86.4 / 136.4) < 1e-9)
        for h in 0..<2 {
            for forecastCase in ForecastCase.allCases {
                let sum: Double = cells.map { $0.values(forecastCase)[h] }.reduce(0, +)
                let expected: Double = total.values(forecastCase)[h]
                #expect(abs(sum - expected) < 1e-9, "\(forecastCase) \(h)")
            }
        }
        #expect(cells[0].origin == 2025)
        #expect(cells[0].years == [2026, 2027])
        #expect(cells[0].assumptions[.central]!.hasPrefix("the mainstream share of the LA total in 2023/24, moving as England's share"))
    }

    @Test func anLAWithoutSettingsHasNoSplit() {
        let total = AreaForecast(la: "802", measure: "total", source: .published, method: .shrunkGrowth, origin: 2025,
                                 history: YearSeries([2025: 110]), central: [121], best: [115], worst: [130], intervals: [nil],
                                 errors: [], assumptions: [:])
        #expect(SettingSplit(settings: Self.settings(la: [50, 30, 5, 10, 1, 4])).split(total) == nil)
    }
}
