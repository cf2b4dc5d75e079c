/// Small population files written for the tests, shared by the population plugin's tests and the
/// end-to-end detection test.
package enum PopulationFixtures {
    /// The ONS mid-year layout: districts, a county, a region, England and Wales, two sexes, a 90+ row.
    package static let onsMidYear = """
        ladcode21,laname21,country,sex,age,population_2021,population_2022
        E07000008,Cambridge,E,1,0,600,610
        E07000008,Cambridge,E,2,0,580,590
        E07000008,Cambridge,E,1,90+,100,105
        E07000008,Cambridge,E,2,90,200,210
        E06000023,"Bristol, City of",E,1,0,2900,2950
        E06000023,"Bristol, City of",E,2,0,2800,2850
        E12000006,East of England,E,1,0,35000,35500
        E92000001,England,E,1,0,300000,301000
        W06000015,Cardiff,W,1,0,4000,4050
        W06000015,Cardiff,W,2,0,3900,3950

        """
}
