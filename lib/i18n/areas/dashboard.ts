// Interface text for the dashboard screens (Vietnamese first; English has the same keys).
export const dashboardVi = {
};

export const dashboardEn: typeof dashboardVi = {
};
