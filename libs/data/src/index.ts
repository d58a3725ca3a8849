// @lddm/data: datasets. The phantom writes the real BUSV/BUSI layouts when the real data is absent.
export * from './lib/phantom/index';
